/**
 * What each database statement of the load test's requests costs, on the class bench/load.ts
 * seeded (SQLite: a copy of its template), with SQLite's plan for the slowest: the pages' and
 * APIs' server functions called directly, every statement better-sqlite3 runs timed by its SQL.
 * For judging indexes and N+1s:
 *
 *   npx tsx bench/load-queries.ts [--template .data/bench-load/template-<key>] [--sql "CREATE INDEX ..."]...
 *
 * `--sql` runs statements on the copy first: an index tried without a migration.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import Database from "better-sqlite3";

const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const benchDir = path.join(process.cwd(), ".data", "bench-load");
const template = arg("--template") ?? path.join(benchDir, fs.readdirSync(benchDir).find((f) => /^template-.*\.json$/.test(f))!.replace(/\.json$/, ""));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-load-queries-"));
fs.copyFileSync(`${template}.db`, path.join(dir, "treino.db"));
// --sql "CREATE INDEX ...": statements applied to the copy first (an index tried without a migration).
const extraSql = process.argv.flatMap((a, i) => (a === "--sql" ? [process.argv[i + 1]] : []));
if (extraSql.length) {
  const raw = new Database(path.join(dir, "treino.db"));
  for (const sql of extraSql) raw.exec(sql);
  raw.close();
  console.log(`applied: ${extraSql.join("; ")}`);
}
Object.assign(process.env, { DATABASE_URL: `file:${path.join(dir, "treino.db")}`, TREINO_DATA_DIR: dir, NEXTAUTH_SECRET: "x".repeat(32), TREINO_SECRET_SEED: "bench-load-secret-seed" });
delete process.env.REDIS_URL;

// Every statement, timed by its SQL (the driver adapter prepares each one through here).
const stats = new Map<string, { n: number; ms: number; max: number; min: number }>();
let label = "";
// Prisma's adapter brings its own copy of better-sqlite3: patch the one it loads.
const adapterRequire = createRequire(require.resolve("@prisma/adapter-better-sqlite3"));
const proto = (adapterRequire("better-sqlite3") as typeof Database).prototype as unknown as { prepare: (sql: string) => Record<string, (...a: unknown[]) => unknown> };
const prepare = proto.prepare;
proto.prepare = function (this: unknown, sql: string) {
  const stmt = prepare.call(this, sql);
  for (const method of ["all", "get", "run", "iterate"]) {
    const original = stmt[method];
    if (typeof original !== "function") continue;
    stmt[method] = (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return original.apply(stmt, args);
      } finally {
        const ms = performance.now() - t0;
        const key = `${label} | ${sql.replace(/\s+/g, " ").slice(0, 400)}`;
        const s = stats.get(key) ?? { n: 0, ms: 0, max: 0, min: Infinity };
        s.n++; s.ms += ms; s.max = Math.max(s.max, ms); s.min = Math.min(s.min, ms);
        stats.set(key, s);
      }
    };
  }
  return stmt;
};

async function main() {
  const { db } = await import("../server/db");
  const { getSubmissionView } = await import("../server/submissions/read");
  const { previousAttempt } = await import("../server/submissions/previous-attempt");
  const { submissionFingerprints } = await import("../server/submissions/watch");
  const { gradebook } = await import("../server/instructor/gradebook");
  const { leaderboard } = await import("../server/instructor/leaderboard");
  const { createSubmission } = await import("../server/submissions/create");
  const manifest = JSON.parse(fs.readFileSync(`${template}.json`, "utf8")) as import("./load-seed").LoadManifest;
  const student = (i: number) => ({ id: manifest.students[i].id, email: manifest.students[i].email, name: manifest.students[i].name, role: "student" as const });
  const prof = { ...manifest.instructors[0], role: "instructor" as const };

  async function timed(name: string, times: number, fn: (i: number) => Promise<unknown>) {
    label = name;
    const t0 = performance.now();
    for (let i = 0; i < times; i++) await fn(i);
    console.log(`${name}: ${((performance.now() - t0) / times).toFixed(1)} ms each (${times})`);
  }

  await timed("user lookup (currentUser)", 50, (i) => db.user.findUnique({ where: { id: manifest.students[i].id }, select: { id: true, role: true } }));
  await timed("submission view, graded", 50, (i) => getSubmissionView(student(i), manifest.students[i].submissionId));
  await timed("previous attempt", 50, async (i) => previousAttempt((await getSubmissionView(student(i), manifest.students[i].submissionId))!));
  await timed("hand-in", 20, (i) => createSubmission(student(i), manifest.students[i].taskId, new TextEncoder().encode(`export const x = ${i};\n`), null));
  const queued = await db.submission.findMany({ where: { status: "queued" }, select: { id: true, userId: true } });
  await timed("submission view, queued (position, wait)", queued.length, (i) => getSubmissionView({ ...student(0), id: queued[i].userId }, queued[i].id));
  await timed("live feeds' shared read (300 ids)", 20, () => submissionFingerprints(manifest.students.map((s) => s.submissionId)));
  await timed("gradebook", 5, () => gradebook(manifest.courseId));
  await timed("leaderboard, first", 1, () => leaderboard(manifest.tasks[0].id, prof.id));
  await timed("leaderboard, again", 5, (i) => leaderboard(manifest.tasks[i % 3].id, prof.id));

  console.log("\nStatements by total time:");
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(arg("--top") ?? 12));
  const raw = new Database(path.join(dir, "treino.db"), { readonly: true });
  for (const [key, s] of rows) {
    const [name, sql] = key.split(" | ");
    console.log(`\n${s.ms.toFixed(0).padStart(6)} ms total, ${(s.ms / s.n).toFixed(2)} ms each, min ${s.min.toFixed(2)}, max ${s.max.toFixed(1)} (${s.n}×) [${name}]\n  ${sql}`);
    if (/^SELECT/i.test(sql)) {
      try {
        const params = (sql.match(/\?/g) ?? []).map(() => null);
        for (const p of raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]) console.log(`    plan: ${p.detail}`);
      } catch (err) {
        console.log(`    plan: (${(err as Error).message})`);
      }
    }
  }
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
