/**
 * Nothing hidden reaches a student: a sine-forecast submission is graded for real (worker,
 * grader, database), then the student's API response for it is scanned for every hidden
 * test target and for the private leaderboard score. The instructor's response has the
 * private score; a result stored by an older grader (hidden targets in its chart) is
 * stripped for the student. The route handler is the real one; only next-auth's session
 * lookup is stood in for.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./test-db";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user, expires: "2999-01-01T00:00:00.000Z" } : null),
}));

const testDb = freshDatabase();
delete process.env.REDIS_URL;
const { db } = await import("../../server/db");
const { registerStudent, upsertInstructor } = await import("../../server/accounts/register");
const { syncTasks } = await import("../../server/courses/sync-tasks");
const { createSubmission } = await import("../../server/submissions/create");
const { databaseQueue } = await import("../../server/queue/database-queue");
const { GradingWorker } = await import("../../server/worker/worker");
const { GET } = await import("../../app/api/submissions/[id]/route");
const { loadTask } = await import("../../grader/tasks/registry");
type GradeResult = import("../../grader/result").GradeResult;

const student = { id: "", email: "ana@x.org", name: "Ana", role: "student" };
const instructor = { id: "", email: "prof@x.org", name: "Prof", role: "instructor" };
let submissionId = "";
let hiddenTargets: number[] = [];

async function apiAs(user: typeof student, id: string): Promise<{ status: number; text: string }> {
  session.user = user;
  const res = await GET(new Request(`http://localhost/api/submissions/${id}`), { params: Promise.resolve({ id }) });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  await db.course.create({ data: { slug: "c", title: "Course", joinCode: "JOIN" } });
  await syncTasks();
  const a = await registerStudent({ name: "Ana", email: student.email, password: "password-1", joinCode: "JOIN" });
  if (!a.ok) throw new Error("registration failed");
  student.id = a.userId;
  instructor.id = await upsertInstructor({ name: "Prof", email: instructor.email, password: "password-3" });
  const task = await db.task.findFirstOrThrow({ where: { slug: "sine-forecast" } });
  await db.enrollment.create({ data: { userId: instructor.id, courseId: task.courseId, role: "instructor" } });
  const code = fs.readFileSync(path.join("exercises", "sine-forecast", "solution.ts"));
  const created = await createSubmission({ ...student, role: "student" }, task.id, code, "solution.ts");
  if (!created.ok) throw new Error("hand-in failed");
  submissionId = created.submissionId;
  const worker = new GradingWorker({ source: databaseQueue, concurrency: 1, profile: "quick", pollMs: 50, heartbeatMs: 200 });
  worker.start();
  const deadline = Date.now() + 180_000;
  while ((await db.submission.findUniqueOrThrow({ where: { id: submissionId } })).status !== "graded" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  await worker.stop();
  // The hidden targets, as the grader drew them for this installation's secret.
  const spec = (await loadTask("sine-forecast"))!;
  const plan = await spec.plan({
    constants: { windowSize: 20 }, budget: { epochs: 25, batchSize: 32 }, profile: "quick", secret: process.env.TREINO_SECRET_SEED!,
    cacheDir: fs.mkdtempSync(path.join(testDb.dir, "cache-")), imdbDirs: [], imdbUrls: { archive: "", wordIndex: "" },
  });
  const hidden = plan.hidden as { targets: number[]; leaderboardTargets: number[] };
  hiddenTargets = [...hidden.targets, ...hidden.leaderboardTargets];
}, 240_000);

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("what a student's API shows of a graded submission", () => {
  it("was graded, with a chart and a leaderboard score", async () => {
    const { status, text } = await apiAs(instructor, submissionId);
    expect(status).toBe(200);
    const view = JSON.parse(text) as { result: GradeResult };
    expect(view.result.passed).toBe(true);
    expect(view.result.predictions.model.length).toBeGreaterThan(100);
    // The instructor sees everything, the private score included.
    expect(view.result.leaderboard?.private).toEqual(expect.any(Number));
    expect(hiddenTargets.length).toBeGreaterThan(100);
  });

  it("carries no hidden test target and no private score", async () => {
    const { status, text } = await apiAs(student, submissionId);
    expect(status).toBe(200);
    const leaked = hiddenTargets.filter((t) => text.includes(JSON.stringify(t)) || text.includes(t.toPrecision(12)));
    expect(leaked).toEqual([]);
    const view = JSON.parse(text) as { result: GradeResult };
    expect(view.result.leaderboard?.public).toEqual(expect.any(Number));
    expect(view.result.leaderboard?.private).toBeNull();
    // The chart is there, on the public series.
    expect(view.result.predictionSource).toBe("public-series");
    expect(view.result.predictions.model.length).toBeGreaterThan(100);
    // Nor can the private score be worked out from what is shown: the leaderboard's rows are
    // apart from the graded ones, so the graded MSE and the public half do not give it away.
    const full = (JSON.parse((await apiAs(instructor, submissionId)).text) as { result: GradeResult }).result;
    const derived = 2 * view.result.metrics.testMse! - view.result.leaderboard!.public!;
    expect(Math.abs(derived - full.leaderboard!.private!)).toBeGreaterThan(1e-4);
  });

  it("strips an older result's chart, which held hidden targets, and reveals the private score after the deadline", async () => {
    const stored = await db.gradingResult.findFirstOrThrow({ where: { submissionId, current: true } });
    const old = structuredClone(stored.result as unknown as GradeResult);
    delete old.predictionSource;
    old.predictions = { model: hiddenTargets.slice(0, 50).map((actual, i) => ({ x: i, actual, predicted: 0 })) };
    await db.gradingResult.update({ where: { id: stored.id }, data: { result: old as never } });
    const task = await db.task.findFirstOrThrow({ where: { slug: "sine-forecast" } });
    await db.task.update({ where: { id: task.id }, data: { dueAt: new Date(Date.now() - 60_000) } });
    try {
      const { text } = await apiAs(student, submissionId);
      expect(hiddenTargets.slice(0, 50).filter((t) => text.includes(JSON.stringify(t)))).toEqual([]);
      expect((JSON.parse(text) as { result: GradeResult }).result.leaderboard?.private).toEqual(expect.any(Number));
    } finally {
      await db.gradingResult.update({ where: { id: stored.id }, data: { result: stored.result as never } });
      await db.task.update({ where: { id: task.id }, data: { dueAt: null } });
    }
  });
});
