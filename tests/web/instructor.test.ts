/**
 * Instructor tools against a real SQLite file: rules refusing submissions (and storing
 * nothing), the gradebook under policies and late credit, its CSV, the leaderboard's
 * public/private split, and regrades keeping the history.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "./test-db";

const testDb = freshDatabase();
const { db } = await import("../../server/db");
const { registerStudent } = await import("../../server/accounts/register");
const { syncTasks } = await import("../../server/courses/sync-tasks");
const { createSubmission } = await import("../../server/submissions/create");
const { storeResult } = await import("../../server/submissions/store-result");
const { gradebook } = await import("../../server/instructor/gradebook");
const { gradebookCsv } = await import("../../server/instructor/gradebook-csv");
const { leaderboard } = await import("../../server/instructor/leaderboard");
const { regradeSubmission } = await import("../../server/instructor/regrade");
const { updateTaskSettings } = await import("../../server/instructor/task-settings");
const { resultHistory } = await import("../../server/submissions/read");
type SessionUser = import("../../server/auth").SessionUser;
type GradeResult = import("../../grader/result").GradeResult;

let courseId: string;
let taskId: string;
const students: SessionUser[] = [];
const code = new TextEncoder().encode("export const x = 1;");

/** Stands in for the worker: a graded result with a score and leaderboard figures. */
async function grade(submissionId: string, score: number, lb: { public: number; private: number }, failureKind?: string) {
  const result = {
    task: "sine-forecast", passed: score >= 7, score, maxScore: 10, checks: [], metrics: { testMse: lb.public }, curves: {}, predictions: {}, models: {}, diagnostics: [],
    failure: failureKind ? { kind: failureKind, message: "x", text: { code: "x", params: {}, "pt-BR": "x", en: "x" } } : undefined,
    leaderboard: { metric: "mse", higherIsBetter: false, ...lb }, logs: { text: "", truncated: false },
    environment: { backend: "wasm", tfjsVersion: "4.22.0", nodeVersion: "v20", graderVersion: "0.1.0", isolation: [], unsafeNoIsolation: false, seed: 42, dataHash: null, codeHash: "x", profile: "quick", budget: null },
    timing: { totalMs: 1, phases: [] },
  } as unknown as GradeResult;
  await db.submission.update({ where: { id: submissionId }, data: { status: "running", workerId: "w" } });
  expect(await storeResult(submissionId, "w", result)).toBe(true);
}

async function submitAt(user: SessionUser, at: Date): Promise<string> {
  const r = await createSubmission(user, taskId, code, null);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  await db.submission.update({ where: { id: r.submissionId }, data: { createdAt: at } });
  return r.submissionId;
}

beforeAll(async () => {
  courseId = (await db.course.create({ data: { slug: "c", title: "Course", joinCode: "JOIN" } })).id;
  await syncTasks();
  taskId = (await db.task.findFirstOrThrow({ where: { slug: "sine-forecast" } })).id;
  for (const [name, email] of [["Ana Conceição", "ana@x.org"], ["Bruno", "bruno@x.org"], ["Célia", "celia@x.org"]]) {
    const r = await registerStudent({ name, email, password: "password-1", joinCode: "JOIN" });
    if (!r.ok) throw new Error("registration");
    students.push({ id: r.userId, email, name, role: "student" });
  }
});

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("rules on handing in", () => {
  it("refuses outside the task's window and over the 24-hour limit, storing nothing", async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(now + ms).toISOString();
    const base = { lateCreditPercent: "100", maxPerDay: "", policy: "best", leaderboardVisible: false, maxEpochs: "" };
    expect(await updateTaskSettings(taskId, { ...base, opensAt: iso(3600_000), dueAt: iso(7200_000), lateUntil: "" })).toEqual({ ok: true });
    expect(await createSubmission(students[0], taskId, code, null)).toMatchObject({ ok: false, error: { code: "rules.notOpen" } });
    await updateTaskSettings(taskId, { ...base, opensAt: iso(-7200_000), dueAt: iso(-3600_000), lateUntil: "" });
    expect(await createSubmission(students[0], taskId, code, null)).toMatchObject({ ok: false, error: { code: "rules.closed" } });
    await updateTaskSettings(taskId, { ...base, opensAt: "", dueAt: "", lateUntil: "", maxPerDay: "2" });
    const first = await createSubmission(students[0], taskId, code, null);
    const second = await createSubmission(students[0], taskId, code, null);
    expect(first.ok && second.ok).toBe(true);
    const third = await createSubmission(students[0], taskId, code, null);
    expect(third).toMatchObject({ ok: false, error: { code: "rules.limit", params: { limit: 2 } } });
    // A compile failure gives its slot back.
    if (first.ok) await grade(first.submissionId, 0, { public: 1, private: 1 }, "syntax");
    expect((await createSubmission(students[0], taskId, code, null)).ok).toBe(true);
    expect(await db.submission.count({ where: { userId: students[0].id } })).toBe(3);
    await db.submission.deleteMany({});
  });

  it("rejects inconsistent dates and an epoch cap over the task's budget", async () => {
    const base = { lateCreditPercent: "100", maxPerDay: "", policy: "best", leaderboardVisible: false, maxEpochs: "", opensAt: "" };
    expect(await updateTaskSettings(taskId, { ...base, dueAt: "2026-03-10T10:00", lateUntil: "2026-03-09T10:00" })).toMatchObject({ ok: false, fields: ["lateUntil"] });
    expect(await updateTaskSettings(taskId, { ...base, dueAt: "", lateUntil: "", maxEpochs: "9999" })).toMatchObject({ ok: false, fields: ["maxEpochs"] });
  });

  it("lets the instructor raise the training runs a grade is the median of, never below the task's", async () => {
    const base = { lateCreditPercent: "100", maxPerDay: "", policy: "best", leaderboardVisible: false, maxEpochs: "", opensAt: "" };
    // sine-forecast takes the median of 5 runs at the full profile.
    expect(await updateTaskSettings(taskId, { ...base, dueAt: "", lateUntil: "", runs: "3" })).toMatchObject({ ok: false, fields: ["runs"] });
    expect(await updateTaskSettings(taskId, { ...base, dueAt: "", lateUntil: "", runs: "99" })).toMatchObject({ ok: false, fields: ["runs"] });
    expect(await updateTaskSettings(taskId, { ...base, dueAt: "", lateUntil: "", runs: "9" })).toEqual({ ok: true });
    expect((await db.task.findUniqueOrThrow({ where: { id: taskId } })).overrides).toMatchObject({ runs: 9 });
    await updateTaskSettings(taskId, { ...base, dueAt: "", lateUntil: "", runs: "" });
    expect((await db.task.findUniqueOrThrow({ where: { id: taskId } })).overrides).toBeNull();
  });
});

describe("gradebook, CSV and leaderboard", () => {
  // Dates ahead of now, so the rules accept the hand-ins; each is then back-dated as needed.
  const day = 24 * 3600_000;
  const at = (days: number) => new Date(Date.now() + days * day);
  const due = at(2);
  const before = at(1);

  it("counts the best on-time or late (with credit) grade, and exports the same numbers", async () => {
    await updateTaskSettings(taskId, {
      opensAt: "", dueAt: due.toISOString(), lateUntil: at(4).toISOString(), lateCreditPercent: "50",
      maxPerDay: "", policy: "best", leaderboardVisible: true, maxEpochs: "", points: { mse: "8" }, thresholdsFull: { mse: "0.02" },
    });
    const [ana, bruno, celia] = students;
    // Ana: 6 on time, then 10 late (worth 5): the best counting is 6.
    await grade(await submitAt(ana, before), 6, { public: 0.02, private: 0.03 });
    await grade(await submitAt(ana, at(3)), 10, { public: 0.011, private: 0.011 });
    // Bruno: 9 on time, with Célia's same public score but later: the tie goes to Bruno.
    await grade(await submitAt(bruno, at(0.5)), 9, { public: 0.015, private: 0.012 });
    await grade(await submitAt(celia, before), 8, { public: 0.015, private: 0.025 });
    const book = await gradebook(courseId);
    const row = (email: string) => book.rows.find((r) => r.student.email === email)!;
    expect(row("ana@x.org").grades["sine-forecast"]).toMatchObject({ points: 6, late: false });
    expect(row("bruno@x.org").total).toBe(9);
    expect(row("celia@x.org").total).toBe(8);

    const csv = gradebookCsv(book);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("name,email,next-number,sine-forecast,imdb-sentiment,total,max_total");
    expect(lines).toContain("Ana Conceição,ana@x.org,,6,,6,30");
    expect(Buffer.from(csv, "utf8").includes(Buffer.from("Conceição", "utf8"))).toBe(true);

    // The stored overrides reach the grader through the task row.
    const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.overrides).toEqual({ points: { mse: 8 }, thresholds: { mse: { full: 0.02 } } });
  });

  it("ranks by the public score before the deadline, ties to the earlier, and reveals the private after", async () => {
    await db.user.update({ where: { id: students[2].id }, data: { pseudonym: "Coruja" } });
    const beforeDue = await leaderboard(taskId, students[0].id, at(1.5));
    expect(beforeDue.revealed).toBe(false);
    expect(beforeDue.rows.map((r) => [r.name, r.publicScore, r.privateScore])).toEqual([
      ["Bruno", 0.015, null],
      ["Coruja", 0.015, null],
      ["Ana Conceição", 0.02, null],
    ]);
    expect(beforeDue.rows[2].isYou).toBe(true);
    // After the deadline the private part ranks; Ana's late submission does not count.
    const after = await leaderboard(taskId, students[0].id, at(10));
    expect(after.revealed).toBe(true);
    expect(after.rows.map((r) => r.name)).toEqual(["Bruno", "Coruja", "Ana Conceição"]);
    expect(after.rows.map((r) => r.privateScore)).toEqual([0.012, 0.025, 0.03]);
  });

  it("a regrade queues the submission at the back, keeps its hand-in time and its earlier results", async () => {
    const sub = await db.submission.findFirstOrThrow({ where: { userId: students[1].id } });
    expect(await regradeSubmission(sub.id, { recordedSeed: true })).toBe(true);
    const queued = await db.submission.findUniqueOrThrow({ where: { id: sub.id } });
    expect(queued).toMatchObject({ status: "queued", seed: 42, createdAt: sub.createdAt });
    expect(queued.queuedAt.getTime()).toBeGreaterThan(sub.queuedAt.getTime());
    await grade(sub.id, 7, { public: 0.02, private: 0.02 });
    const history = await resultHistory(sub.id);
    expect(history.map((h) => [h.score, h.current])).toEqual([[7, true], [9, false]]);
    expect((await gradebook(courseId)).rows.find((r) => r.student.id === students[1].id)?.total).toBe(7);
  });

  it("two regrades at once queue the submission once", async () => {
    const sub = await db.submission.findFirstOrThrow({ where: { userId: students[2].id, status: "graded" } });
    const answers = await Promise.all([regradeSubmission(sub.id, { recordedSeed: false }), regradeSubmission(sub.id, { recordedSeed: false })]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect((await db.submission.findUniqueOrThrow({ where: { id: sub.id } })).status).toBe("queued");
  });
});
