/**
 * Per-student exceptions against a real SQLite file, through the real hand-in
 * (createSubmission's transaction), the gradebook, the class overview's pass rate and the
 * recount: the boundaries at a student's own deadline, extra hand-ins used up, another late
 * credit in the counting grade, one student's exception leaving the others alone, a revoked
 * one no longer applying, and the access check on granting: by the current course (a task of
 * another of the instructor's courses is refused as a changed course) and never on an archived
 * course. Only Date is frozen: the hand-in reads the clock itself.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "./test-db";

const testDb = freshDatabase();
delete process.env.REDIS_URL; // the database queue: storing a submission is all that happens
const { db } = await import("../../server/db");
const { seedClass } = await import("./class-fixture");
const { createSubmission } = await import("../../server/submissions/create");
const { storeResult } = await import("../../server/submissions/store-result");
const { allowanceFor } = await import("../../server/rules/allowance");
const { gradebook } = await import("../../server/instructor/gradebook");
const { courseSummary } = await import("../../server/instructor/course-summary");
const { gradeChanges } = await import("../../server/instructor/recount-grades");
const { grantException, revokeException } = await import("../../server/exceptions/grant");
const { exceptionsOfStudent, exceptionsOfTask } = await import("../../server/exceptions/list");
const { CURRENT_COURSE_COOKIE } = await import("../../server/courses/current-course");
type SessionUser = import("../../server/auth").SessionUser;
type GradeResult = import("../../grader/result").GradeResult;
type ClassFixture = import("./class-fixture").ClassFixture;

let c: ClassFixture;
let courseId: string;
const code = new TextEncoder().encode("export const x = 1;");
const HOUR = 3600_000;
/** The task's deadline, whole seconds, well ahead of the real clock so nothing else closes it. */
const DUE = new Date(Math.ceil((Date.now() + 30 * 24 * HOUR) / 1000) * 1000);
const EXTENDED = new Date(DUE.getTime() + 48 * HOUR);
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

/** Stands in for the worker: a passing result with this score. */
async function grade(submissionId: string, score: number) {
  const result = {
    task: "next-number", passed: score >= 7, score, maxScore: 10, checks: [], metrics: {}, curves: {}, predictions: {}, models: {}, diagnostics: [],
    logs: { text: "", truncated: false },
    environment: { backend: "wasm", tfjsVersion: "4.22.0", nodeVersion: "v20", graderVersion: "0.1.0", isolation: [], unsafeNoIsolation: false, seed: 42, dataHash: null, codeHash: "x", profile: "quick", budget: null },
    timing: { totalMs: 1, phases: [] },
  } as unknown as GradeResult;
  await db.submission.update({ where: { id: submissionId }, data: { status: "running", workerId: "w" } });
  expect(await storeResult(submissionId, "w", result)).toBe(true);
}

/** Hands in at `at` (the clock frozen there), as the API does. */
async function handInAt(user: SessionUser, at: Date) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  try {
    return await createSubmission(user, c.taskId, code, null);
  } finally {
    vi.useRealTimers();
  }
}

async function setTask(data: { dueAt?: Date | null; lateUntil?: Date | null; lateCredit?: number; maxPerDay?: number | null }) {
  await db.task.update({ where: { id: c.taskId }, data });
}

/** The request's cookies: none (the instructor's oldest active course is current), or one naming the current course. */
const cookies = (course?: string) => ({ get: (name: string) => (course && name === CURRENT_COURSE_COOKIE ? { value: course } : undefined) });
const noCookie = cookies();

const grant = (input: Record<string, string>, by: SessionUser = c.prof, jar = noCookie) =>
  grantException(by, jar, { taskId: c.taskId, userId: c.ana.id, dueAt: "", lateUntil: "", extraAttempts: "", lateCreditPercent: "", ...input });

beforeAll(async () => {
  c = await seedClass();
  courseId = (await db.task.findUniqueOrThrow({ where: { id: c.taskId } })).courseId;
});

afterEach(async () => {
  vi.useRealTimers();
  await db.submission.deleteMany({});
  await db.taskException.deleteMany({});
  await setTask({ dueAt: null, lateUntil: null, lateCredit: 1, maxPerDay: null });
});

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("a later deadline for one student", () => {
  it("takes the hand-in at exactly the extended due second, refuses one second after, and leaves the other student's deadline alone", async () => {
    await setTask({ dueAt: DUE, lateCredit: 0.5 });
    expect(await grant({ dueAt: EXTENDED.toISOString() })).toMatchObject({ ok: true });

    // At exactly her own deadline Ana is on time; Bia, at the same moment, is two days late.
    const exactly = await handInAt(c.ana, EXTENDED);
    expect(exactly.ok).toBe(true);
    expect(await handInAt(c.bia, EXTENDED)).toEqual({ ok: false, error: { code: "rules.closed", params: { closedAt: DUE.toISOString() } } });
    // One second later, Ana is refused too, told her own deadline.
    expect(await handInAt(c.ana, plus(EXTENDED, 1000))).toEqual({ ok: false, error: { code: "rules.closed", params: { closedAt: EXTENDED.toISOString() } } });
    expect(await db.submission.count({ where: { userId: c.ana.id } })).toBe(1);
    expect(await db.submission.count({ where: { userId: c.bia.id } })).toBe(0);

    // What her task page shows: her own deadline, and that it is hers.
    const allowance = await allowanceFor(c.ana.id, (await db.task.findUniqueOrThrow({ where: { id: c.taskId } })), plus(DUE, 1000));
    expect(allowance).toMatchObject({ window: "onTime", dueAt: EXTENDED, exception: { dueAt: EXTENDED } });
    expect((await allowanceFor(c.bia.id, (await db.task.findUniqueOrThrow({ where: { id: c.taskId } })), plus(DUE, 1000)))).toMatchObject({ window: "closed", dueAt: DUE, exception: null });

    // Handed in at her extended deadline, the work counts in full in the gradebook.
    if (exactly.ok) await grade(exactly.submissionId, 8);
    const row = (await gradebook(courseId)).rows.find((r) => r.student.id === c.ana.id)!;
    expect(row.grades["next-number"]).toMatchObject({ points: 8, late: false });
  });

  it("a late window and late credit of her own: late work one second after her deadline keeps her credit, in the counting grade and the gradebook", async () => {
    await setTask({ dueAt: DUE, lateUntil: plus(DUE, 24 * HOUR), lateCredit: 0.5 });
    const result = await grant({ dueAt: EXTENDED.toISOString(), lateUntil: plus(EXTENDED, 24 * HOUR).toISOString(), lateCreditPercent: "80" });
    expect(result).toMatchObject({ ok: true });

    const late = await handInAt(c.ana, plus(EXTENDED, 1000));
    expect(late.ok).toBe(true);
    if (late.ok) await grade(late.submissionId, 10);
    // Bia, late inside the task's own window, keeps the task's 50%.
    const biaLate = await handInAt(c.bia, plus(DUE, 1000));
    expect(biaLate.ok).toBe(true);
    if (biaLate.ok) await grade(biaLate.submissionId, 10);

    const book = await gradebook(courseId);
    const grades = (id: string) => book.rows.find((r) => r.student.id === id)!.grades["next-number"];
    expect(grades(c.ana.id)).toMatchObject({ points: 8, rawScore: 10, late: true });
    expect(grades(c.bia.id)).toMatchObject({ points: 5, rawScore: 10, late: true });
    // The class overview's pass rate reads the same counting grades: both passed (their raw 10 passed).
    const summary = await courseSummary(courseId);
    expect(summary.tasks.find((t) => t.slug === "next-number")!.passRate).toEqual({ passed: 2, students: 2 });

    // A change of the task's late credit recounts Bia, not Ana (who has her own).
    const task = await db.task.findUniqueOrThrow({ where: { id: c.taskId } });
    const changes = await gradeChanges(c.taskId, task, { ...task, lateCredit: 0.7 });
    expect(changes.map((ch) => [ch.name, ch.before?.points, ch.after?.points])).toEqual([["Bia", 5, 7]]);
  });

  it("a revoked exception stops applying at once: to hand-ins, to the gradebook, and says whose grade moved", async () => {
    await setTask({ dueAt: DUE, lateUntil: plus(EXTENDED, 24 * HOUR), lateCredit: 0.5 });
    const granted = await grant({ dueAt: EXTENDED.toISOString() });
    if (!granted.ok) throw new Error(JSON.stringify(granted));
    const sub = await handInAt(c.ana, plus(DUE, HOUR));
    if (!sub.ok) throw new Error(JSON.stringify(sub));
    await grade(sub.submissionId, 10);
    expect((await gradebook(courseId)).rows.find((r) => r.student.id === c.ana.id)!.grades["next-number"]).toMatchObject({ points: 10, late: false });

    const revoked = await revokeException(c.prof, noCookie, granted.exceptionId);
    expect(revoked).toEqual({ ok: true, change: { before: expect.objectContaining({ points: 10, late: false }), after: expect.objectContaining({ points: 5, late: true }) } });
    expect((await gradebook(courseId)).rows.find((r) => r.student.id === c.ana.id)!.grades["next-number"]).toMatchObject({ points: 5, late: true });
    const task = await db.task.findUniqueOrThrow({ where: { id: c.taskId } });
    expect(await allowanceFor(c.ana.id, task, plus(DUE, HOUR))).toMatchObject({ window: "late", dueAt: DUE, exception: null });

    // Kept on record, with who revoked it.
    const [row] = await exceptionsOfTask(courseId, c.taskId);
    expect(row).toMatchObject({ student: { name: "Ana" }, grantedBy: "Prof", revokedBy: "Prof", dueAt: EXTENDED });
    expect(row.revokedAt).toBeInstanceOf(Date);
  });

  it("granting again replaces the one in force, keeping the old one as revoked", async () => {
    await setTask({ dueAt: DUE, maxPerDay: 2 });
    await grant({ dueAt: EXTENDED.toISOString() });
    await grant({ extraAttempts: "3" });
    const rows = await exceptionsOfStudent(courseId, c.ana.id);
    expect(rows.map((r) => [r.extraAttempts, r.dueAt, r.revokedAt == null])).toEqual([[3, null, true], [null, EXTENDED, false]]);
    expect(await db.taskException.count({ where: { revokedAt: null } })).toBe(1);
  });
});

describe("extra attempts", () => {
  it("raise one student's 24-hour limit by that many, then refuse like the task's own limit", async () => {
    await setTask({ maxPerDay: 2 });
    expect(await grant({ extraAttempts: "1" })).toMatchObject({ ok: true });
    const at = plus(DUE, -10 * 24 * HOUR);
    for (let i = 0; i < 3; i++) expect((await handInAt(c.ana, plus(at, i * 60_000))).ok).toBe(true);
    expect(await handInAt(c.ana, plus(at, 3 * 60_000))).toMatchObject({ ok: false, error: { code: "rules.limit", params: { limit: 3 } } });
    // Bia has the task's two.
    for (let i = 0; i < 2; i++) expect((await handInAt(c.bia, plus(at, i * 60_000))).ok).toBe(true);
    expect(await handInAt(c.bia, plus(at, 2 * 60_000))).toMatchObject({ ok: false, error: { code: "rules.limit", params: { limit: 2 } } });
    expect(await db.submission.count({ where: { userId: c.ana.id } })).toBe(3);
  });
});

describe("granting", () => {
  it("refuses what would mean nothing: an earlier deadline, a deadline on a task without one, extra attempts with no limit, nothing at all", async () => {
    await setTask({ dueAt: DUE });
    expect(await grant({ dueAt: plus(DUE, -1000).toISOString() })).toEqual({ ok: false, error: "invalid", errors: { dueAt: "notLater" } });
    expect(await grant({ extraAttempts: "2" })).toEqual({ ok: false, error: "invalid", errors: { extraAttempts: "noLimit" } });
    expect(await grant({})).toEqual({ ok: false, error: "invalid", errors: { form: "empty" } });
    expect(await grant({ lateCreditPercent: "120" })).toEqual({ ok: false, error: "invalid", errors: { lateCreditPercent: "percent" } });
    expect(await grant({ dueAt: EXTENDED.toISOString(), lateUntil: plus(EXTENDED, -1000).toISOString() })).toEqual({ ok: false, error: "invalid", errors: { lateUntil: "lateUntilBeforeDue" } });
    await setTask({ dueAt: null });
    expect(await grant({ dueAt: EXTENDED.toISOString() })).toEqual({ ok: false, error: "invalid", errors: { dueAt: "noDeadline" } });
    expect(await db.taskException.count()).toBe(0);
  });

  it("is refused to an instructor of another course, to a student, and for someone not in the course", async () => {
    await setTask({ dueAt: DUE });
    const other = await db.course.create({ data: { slug: "other", title: "Other", joinCode: "OTHER" } });
    const stranger = await db.user.create({ data: { email: "outra@x.org", name: "Outra", passwordHash: "x", role: "instructor", enrollments: { create: { courseId: other.id, role: "instructor" } } } });
    const outsider: SessionUser = { id: stranger.id, email: stranger.email, name: stranger.name, role: "instructor" };
    expect(await grant({ dueAt: EXTENDED.toISOString() }, outsider)).toEqual({ ok: false, error: "forbidden" });
    // A student calling the same function (whatever their session claims) gets nowhere either.
    expect(await grant({ dueAt: EXTENDED.toISOString() }, { ...c.bia, role: "instructor" })).toEqual({ ok: false, error: "forbidden" });
    expect(await grant({ dueAt: EXTENDED.toISOString() }, c.bia)).toEqual({ ok: false, error: "forbidden" });
    // Someone enrolled only in the other course is not this course's student.
    const elsewhere = await db.user.create({ data: { email: "el@x.org", name: "El", passwordHash: "x", enrollments: { create: { courseId: other.id } } } });
    expect(await grantException(c.prof, noCookie, { taskId: c.taskId, userId: elsewhere.id, dueAt: EXTENDED.toISOString(), lateUntil: "", extraAttempts: "", lateCreditPercent: "" })).toEqual({ ok: false, error: "forbidden" });
    expect(await db.taskException.count()).toBe(0);

    // Nor can the other course's instructor revoke this course's exception.
    const granted = await grant({ dueAt: EXTENDED.toISOString() });
    if (!granted.ok) throw new Error("grant");
    expect(await revokeException(outsider, noCookie, granted.exceptionId)).toEqual({ ok: false, error: "forbidden" });
    // Whatever course cookie it sends.
    expect(await revokeException(outsider, cookies(courseId), granted.exceptionId)).toEqual({ ok: false, error: "forbidden" });
    expect(await grant({ dueAt: EXTENDED.toISOString() }, outsider, cookies(courseId))).toEqual({ ok: false, error: "forbidden" });
    expect(await db.taskException.count({ where: { revokedAt: null } })).toBe(1);
    // Its lists of this course's exceptions are empty.
    expect(await exceptionsOfTask(other.id, c.taskId)).toEqual([]);
  });
});

describe("the current course", () => {
  it("an instructor of two courses grants and revokes on the current one only: a form for the other is refused, not applied", async () => {
    await setTask({ dueAt: DUE });
    const second = await db.course.create({ data: { slug: "second", title: "Second", term: "2027.1", joinCode: "SECOND" } });
    await db.enrollment.create({ data: { userId: c.prof.id, courseId: second.id, role: "instructor" } });
    const granted = await grant({ dueAt: EXTENDED.toISOString() }, c.prof, cookies(courseId));
    if (!granted.ok) throw new Error(JSON.stringify(granted));
    // Switched to the second course (in another tab): the first course's forms are refused.
    const inSecond = cookies(second.id);
    expect(await grant({ extraAttempts: "1" }, c.prof, inSecond)).toEqual({ ok: false, error: "courseChanged" });
    expect(await revokeException(c.prof, inSecond, granted.exceptionId)).toEqual({ ok: false, error: "courseChanged" });
    expect(await db.taskException.count({ where: { revokedAt: null } })).toBe(1);
    // Back on the first course, the same forms work.
    expect(await revokeException(c.prof, cookies(courseId), granted.exceptionId)).toMatchObject({ ok: true });
    await db.enrollment.delete({ where: { userId_courseId: { userId: c.prof.id, courseId: second.id } } });
  });

  it("an archived course grants and revokes nothing, and its exceptions stay listed", async () => {
    await setTask({ dueAt: DUE });
    const granted = await grant({ dueAt: EXTENDED.toISOString() });
    if (!granted.ok) throw new Error(JSON.stringify(granted));
    await db.course.update({ where: { id: courseId }, data: { archivedAt: new Date() } });
    try {
      expect(await grant({ lateCreditPercent: "90" })).toEqual({ ok: false, error: "course.archived" });
      expect(await revokeException(c.prof, noCookie, granted.exceptionId)).toEqual({ ok: false, error: "course.archived" });
      expect(await db.taskException.count()).toBe(1);
      expect(await exceptionsOfTask(courseId, c.taskId)).toHaveLength(1);
    } finally {
      await db.course.update({ where: { id: courseId }, data: { archivedAt: null } });
    }
  });
});
