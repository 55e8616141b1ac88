/**
 * bench/load.ts's class, written straight into the database (the environment names it:
 * DATABASE_URL, TREINO_DATA_DIR...; run after scripts/setup.ts has migrated it): a course of
 * N students with realistic history, plus an earlier term's course of the same size (so every
 * query has other courses' rows to skip), instructors, a few accounts with real passwords for
 * timed logins. Every submission of the history is graded: its result is a real quick-profile
 * grading of the task's reference solution (graded once, cached in .cache/bench-load/), with
 * the score, the leaderboard figures and the seed varied per submission, stored as
 * server/submissions/store-result.ts stores one (the JSON and its check, metric and epoch rows).
 *
 * Prints one JSON line on stdout: the manifest bench/load.ts drives the load from.
 *
 *   tsx bench/load-seed.ts --students 300 --per-task 2-6 --history-courses 1
 */
import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import seedrandom from "seedrandom";
import { gradeSubmission } from "../grader";
import type { GradeResult } from "../grader/result";
import { hashPassword } from "../server/auth/password";
import { addBlankTasks } from "../server/courses/course-tasks";
import { db, Prisma } from "../server/db";

export interface LoadManifest {
  courseId: string;
  tasks: { id: string; slug: string }[];
  students: { id: string; email: string; name: string; submissionId: string; taskId: string }[];
  instructors: { id: string; email: string; name: string }[];
  /** Accounts with real argon2 passwords, for the timed logins. */
  logins: { email: string; password: string }[];
  counts: { users: number; submissions: number; results: number; epochRows: number; seedSeconds: number };
}

const opts = new Command()
  .option("--students <n>", "students in the measured course", "300")
  .option("--per-task <range>", "graded submissions per student and task, min-max", "2-6")
  .option("--history-courses <n>", "earlier terms' courses of the same size", "1")
  .option("--instructors <n>", "instructors (staff of the measured course)", "3")
  .option("--logins <n>", "accounts with a real password for timed logins", "5")
  .parse()
  .opts();

const STUDENTS = Number(opts.students);
const [MIN_PER, MAX_PER] = String(opts.perTask).split("-").map(Number);
const cacheDir = path.join(process.env.TREINO_CACHE_DIR ?? path.join(process.cwd(), ".cache"), "bench-load");

/** A real result of the task's reference solution at the quick profile, graded once and cached. */
async function referenceResult(slug: string): Promise<GradeResult> {
  const file = path.join(cacheDir, `${slug}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as GradeResult;
  const code = fs.readFileSync(path.join("exercises", slug, "solution.ts"), "utf8");
  const started = Date.now();
  const result = await gradeSubmission({ task: slug, code, profile: "quick" });
  console.error(`[seed] graded ${slug}'s reference once (quick profile) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.score}/${result.maxScore}; cached in ${file}`);
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result));
  return result;
}

/** The reference's result with this submission's own score, leaderboard figures and seed. */
function variant(base: GradeResult, rng: () => number, seed: number): GradeResult {
  const share = 0.3 + 0.7 * rng();
  const r = structuredClone(base) as GradeResult & { leaderboard?: { public: number | null; private: number | null } };
  r.score = Math.round(base.maxScore * share * 100) / 100;
  r.passed = share > 0.6;
  r.environment = { ...r.environment, seed };
  if (r.leaderboard) {
    const jitter = () => (r.leaderboard!.public ?? 0.5) * (0.8 + 0.4 * rng());
    r.leaderboard = { ...r.leaderboard, public: jitter(), private: jitter() };
  }
  return r;
}

async function seedCourse(label: string, students: number, rng: () => number, results: Map<string, GradeResult>, instructorIds: string[]) {
  const courseId = randomUUID();
  await db.course.create({ data: { id: courseId, slug: `bench-${label}`, title: `Bench ${label}`, term: label, joinCode: `BENCH-${label.toUpperCase()}` } });
  await db.$transaction((tx) => addBlankTasks(tx, courseId));
  const tasks = await db.task.findMany({ where: { courseId }, orderBy: { position: "asc" }, select: { id: true, slug: true } });
  await db.enrollment.createMany({ data: instructorIds.map((userId) => ({ userId, courseId, role: "instructor" })) });
  const users = Array.from({ length: students }, (_, i) => ({ id: randomUUID(), email: `${label}-s${i}@bench.treino`, name: `Aluno ${label} ${String(i).padStart(3, "0")}`, passwordHash: "", role: "student" }));
  await db.user.createMany({ data: users });
  await db.enrollment.createMany({ data: users.map((u) => ({ userId: u.id, courseId, role: "student" })) });
  const code = new Map(tasks.map((t) => [t.slug, fs.readFileSync(path.join("exercises", t.slug, "solution.ts"), "utf8")]));
  const latest = new Map<string, { submissionId: string; taskId: string; at: number }>();
  let submissions = 0;
  let epochRows = 0;
  const start = Date.now() - 30 * 24 * 3600_000; // a month of history
  // One transaction per student keeps SQLite's write lock short and the batches reasonable.
  for (const u of users) {
    const subs: Prisma.SubmissionCreateManyInput[] = [];
    const grs: Prisma.GradingResultCreateManyInput[] = [];
    const checks: Prisma.CheckResultCreateManyInput[] = [];
    const metrics: Prisma.MetricCreateManyInput[] = [];
    const epochs: Prisma.EpochMetricCreateManyInput[] = [];
    for (const t of tasks) {
      const n = MIN_PER + Math.floor(rng() * (MAX_PER - MIN_PER + 1));
      for (let attempt = 1; attempt <= n; attempt++) {
        const at = new Date(start + rng() * 29 * 24 * 3600_000);
        const id = randomUUID();
        const seed = Math.floor(rng() * 1e6);
        const r = variant(results.get(t.slug)!, rng, seed);
        subs.push({ id, userId: u.id, taskId: t.id, attempt, code: code.get(t.slug)! + `\n// attempt ${attempt}\n`, status: "graded", createdAt: at, queuedAt: at, startedAt: at, finishedAt: new Date(at.getTime() + 8000), claims: 1 });
        const resultId = randomUUID();
        grs.push({
          id: resultId, submissionId: id, current: true, createdAt: new Date(at.getTime() + 8000), passed: r.passed, score: r.score, maxScore: r.maxScore,
          failureKind: r.failure?.kind ?? null, failureLine: r.failure?.line ?? null, failureMessage: r.failure?.message ?? null,
          backend: r.environment.backend, tfjsVersion: r.environment.tfjsVersion, graderVersion: r.environment.graderVersion,
          seed, profile: r.environment.profile, durationMs: Math.round(r.timing.totalMs), result: r as unknown as Prisma.InputJsonValue,
          leaderboard: r.leaderboard ? (r.leaderboard as Prisma.InputJsonValue) : Prisma.DbNull,
        });
        for (const c of r.checks) checks.push({ id: randomUUID(), resultId, checkId: c.id, status: c.status, points: c.points, maxPoints: c.maxPoints });
        for (const [name, value] of Object.entries(r.metrics)) metrics.push({ id: randomUUID(), resultId, name, value: value as number | null });
        for (const [model, points] of Object.entries(r.curves)) {
          for (const p of points) epochs.push({ id: randomUUID(), resultId, model, epoch: p.epoch, loss: p.loss, valLoss: p.valLoss ?? null, acc: p.acc ?? null, valAcc: p.valAcc ?? null, ms: Math.round(p.ms) });
        }
        const prev = latest.get(u.id);
        if (!prev || at.getTime() > prev.at) latest.set(u.id, { submissionId: id, taskId: t.id, at: at.getTime() });
      }
    }
    await db.$transaction([
      db.submission.createMany({ data: subs }),
      db.gradingResult.createMany({ data: grs }),
      db.checkResult.createMany({ data: checks }),
      db.metric.createMany({ data: metrics }),
      db.epochMetric.createMany({ data: epochs }),
    ]);
    submissions += subs.length;
    epochRows += epochs.length;
  }
  return { courseId, tasks, users, latest, submissions, epochRows };
}

async function main() {
  const started = Date.now();
  const rng = seedrandom("treino-bench-load");
  const slugs = (await db.task.findMany({ distinct: ["slug"], select: { slug: true } })).map((t) => t.slug);
  const results = new Map<string, GradeResult>();
  for (const slug of slugs) results.set(slug, await referenceResult(slug));

  const instructors = [];
  for (let i = 0; i < Number(opts.instructors); i++) {
    instructors.push({ id: randomUUID(), email: `prof${i}@bench.treino`, name: `Professora ${i}`, passwordHash: "", role: "instructor" });
  }
  await db.user.createMany({ data: instructors });
  const ids = instructors.map((i) => i.id);

  let submissions = 0;
  let epochRows = 0;
  let users = instructors.length;
  // Earlier terms first, so the measured course's rows are the newest (as in a real installation).
  for (let h = 0; h < Number(opts.historyCourses); h++) {
    const past = await seedCourse(`past${h}`, STUDENTS, rng, results, ids);
    submissions += past.submissions;
    epochRows += past.epochRows;
    users += past.users.length;
  }
  const main = await seedCourse("now", STUDENTS, rng, results, ids);
  submissions += main.submissions;
  epochRows += main.epochRows;
  users += main.users.length;

  // A few accounts with real passwords in the measured course, for timed logins.
  const logins = [];
  for (let i = 0; i < Number(opts.logins); i++) {
    const password = createHash("sha256").update(`login-${i}`).digest("base64url").slice(0, 16);
    const u = await db.user.create({ data: { email: `login${i}@bench.treino`, name: `Login ${i}`, passwordHash: await hashPassword(password), role: "student" } });
    await db.enrollment.create({ data: { userId: u.id, courseId: main.courseId, role: "student" } });
    logins.push({ email: u.email, password });
    users++;
  }
  // The first (oldest) active course is an instructor's current one without a cookie: the measured
  // course is the only active course they are staff of (the earlier terms' are archived).
  await db.course.updateMany({ where: { slug: { startsWith: "bench-past" } }, data: { archivedAt: new Date() } });

  const manifest: LoadManifest = {
    courseId: main.courseId,
    tasks: main.tasks,
    students: main.users.map((u) => ({ id: u.id, email: u.email, name: u.name, ...main.latest.get(u.id)! })).map(({ at: _at, ...s }) => s),
    instructors: instructors.map(({ id, email, name }) => ({ id, email, name })),
    logins,
    counts: { users, submissions, results: submissions, epochRows, seedSeconds: Math.round((Date.now() - started) / 100) / 10 },
  };
  process.stdout.write(JSON.stringify(manifest) + "\n");
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
