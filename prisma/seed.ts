/**
 * The demo course: created once with a join code, and demo accounts whose passwords are
 * generated on first run and kept in the data folder (never in the repository).
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { registerStudent, upsertInstructor } from "../server/accounts/register";
import { db } from "../server/db";
import { env } from "../server/env";

export interface DemoAccounts {
  joinCode: string;
  instructor: { email: string; password: string };
  students: { email: string; password: string }[];
}

const password = () => randomBytes(9).toString("base64url");

/** The academic term a date falls in, as Brazilian universities name them: "2026.1" (Jan–Jun), "2026.2" (Jul–Dec). */
function termOf(date: Date): string {
  return `${date.getFullYear()}.${date.getMonth() < 6 ? 1 : 2}`;
}

export async function seedDemo(): Promise<DemoAccounts> {
  const file = path.join(env.DATA_DIR, "demo-accounts.json");
  const joinCode = process.env.TREINO_JOIN_CODE ?? `RNN-${randomBytes(3).toString("hex").toUpperCase()}`;
  let course = await db.course.findFirst({ orderBy: { createdAt: "asc" } });
  course ??= await db.course.create({ data: { slug: "redes-recorrentes", title: "Redes Neurais Recorrentes", term: termOf(new Date()), joinCode } });
  // Passwords are generated once and kept; accounts missing from the database are (re)created.
  const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as DemoAccounts) : null;
  const accounts: DemoAccounts = {
    joinCode: course.joinCode,
    instructor: stored?.instructor ?? { email: "professora@treino.local", password: password() },
    students: stored?.students ?? [
      { email: "ana@treino.local", password: password() },
      { email: "bruno@treino.local", password: password() },
    ],
  };
  if (!(await db.user.findUnique({ where: { email: accounts.instructor.email } }))) {
    await upsertInstructor({ name: "Professora Demo", ...accounts.instructor }, { staffOf: [course.id] });
  }
  for (const [i, s] of accounts.students.entries()) {
    if (await db.user.findUnique({ where: { email: s.email } })) continue;
    await registerStudent({ name: ["Ana Souza", "Bruno Lima"][i] ?? s.email, email: s.email, password: s.password, joinCode: course.joinCode });
  }
  // On PostgreSQL nothing else has made the data folder yet.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  return accounts;
}
