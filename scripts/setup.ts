/**
 * Prepares the installation, idempotently: applies migrations (offline, Prisma's wasm engine;
 * SQLite's or PostgreSQL's by DATABASE_URL), switches SQLite to WAL so the web server and
 * workers write side by side, seeds the demo course, syncs tasks from exercises/, creates the first instructor when
 * TREINO_ADMIN_EMAIL and TREINO_ADMIN_PASSWORD are set, and prints how to sign in.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { upsertInstructor } from "../server/accounts/register";
import { db, dbProvider } from "../server/db";
import { env } from "../server/env";
import { syncTasks } from "../server/courses/sync-tasks";
import { seedDemo } from "../prisma/seed";
import { writePracticeData } from "../grader/practice/public-data";
import { practiceDataDir } from "../server/practice/public-data";

async function main() {
  execFileSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
  });
  // SQLite only: WAL lets the web server and the workers write side by side (PostgreSQL needs nothing of the kind).
  if (dbProvider === "sqlite") await db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
  const demo = await seedDemo();
  const tasks = await syncTasks();
  // Public data for practice runs in the browser (IMDb's training sample): never the test set.
  const practice = await writePracticeData(practiceDataDir());
  for (const why of practice.missing) console.warn(`treino: practice data not prepared (practice for that task is unavailable): ${why}`);
  if (process.env.TREINO_ADMIN_EMAIL && process.env.TREINO_ADMIN_PASSWORD) {
    // Staff of the demo course, so the first instructor has a course to open.
    const demoCourse = await db.course.findUniqueOrThrow({ where: { joinCode: demo.joinCode } });
    await upsertInstructor({ name: process.env.TREINO_ADMIN_NAME ?? "Instructor", email: process.env.TREINO_ADMIN_EMAIL, password: process.env.TREINO_ADMIN_PASSWORD }, { staffOf: [demoCourse.id] });
  }
  console.log(
    [
      "",
      `Treino is set up (${tasks.length} tasks: ${tasks.join(", ")}).`,
      `  course join code:   ${demo.joinCode}`,
      `  instructor (demo):  ${demo.instructor.email} / ${demo.instructor.password}`,
      ...demo.students.map((s) => `  student (demo):     ${s.email} / ${s.password}`),
      "",
    ].join("\n"),
  );
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
