/**
 * Granting and revoking a student's exception on a task. Only an instructor of the task's
 * course may, with that course current, and only for a student enrolled in it: checked here,
 * on the server, on every call (the course comes from `actingCourse`, the instructor's current
 * course). A task (or exception) of another of the instructor's courses means the course was
 * switched after the form was shown: refused as `courseChanged`, never applied elsewhere. An
 * archived course is read-only: no exception is granted or revoked there.
 */
import { z } from "zod";
import type { SessionUser } from "../auth";
import type { CookieReader } from "../courses/current-course";
import { studentsOf } from "../courses/membership";
import { db } from "../db";
import { lockEnrollment } from "../db/locks";
import { taskInCurrentCourse } from "../instructor/access";
import { actingCourse } from "../instructor/acting-course";
import { optionalDate } from "../instructor/task-settings";
import type { StudentException } from "../rules/exception-rules";
import { exceptionInForce } from "./in-force";
import { studentGradeChange, type StudentGradeChange } from "./grade-change";

/** The most extra hand-ins per 24 hours one exception grants. */
export const MAX_EXTRA_ATTEMPTS = 100;

export const exceptionInput = z.object({
  taskId: z.string().min(1).max(100),
  userId: z.string().min(1).max(100),
  dueAt: optionalDate,
  lateUntil: optionalDate,
  extraAttempts: z.union([z.literal(""), z.coerce.number().int().min(1).max(MAX_EXTRA_ATTEMPTS)]).transform((v) => (v === "" ? null : v)),
  lateCreditPercent: z.union([z.literal(""), z.coerce.number().min(0).max(100)]).transform((v) => (v === "" ? null : v)),
});

export type ExceptionInput = z.input<typeof exceptionInput>;

/** Why a field was refused: a code the form words in the reader's language. */
export type ExceptionFieldError = "choose" | "date" | "noDeadline" | "notLater" | "lateUntilBeforeDue" | "extraAttempts" | "noLimit" | "percent" | "empty";

/** Why an exception was not granted or revoked, beyond its fields: not allowed, the current course changed, or it is archived. */
export type ExceptionRefusal = { ok: false; error: "forbidden" | "courseChanged" | "course.archived" };

export type GrantResult =
  | { ok: true; exceptionId: string; change: StudentGradeChange | null }
  | ExceptionRefusal
  | { ok: false; error: "invalid"; errors: Partial<Record<keyof ExceptionInput | "form", ExceptionFieldError>> };

export type RevokeResult = { ok: true; change: StudentGradeChange | null } | ExceptionRefusal;

const ZOD_FIELD_CODES: Record<string, ExceptionFieldError> = { taskId: "choose", userId: "choose", dueAt: "date", lateUntil: "date", extraAttempts: "extraAttempts", lateCreditPercent: "percent" };

/**
 * The current course's task (by id) that an instructor may change exceptions on, or why not:
 * never another course's, and nothing on an archived course.
 */
async function taskScope(instructor: SessionUser, cookies: CookieReader, taskId: string) {
  const acting = await actingCourse(instructor, cookies);
  if (!acting.ok) return { ok: false as const, error: "forbidden" as const };
  const found = await taskInCurrentCourse(instructor, acting.course, taskId);
  if (!found.ok) return { ok: false as const, error: found.error === "courseChanged" ? ("courseChanged" as const) : ("forbidden" as const) };
  if (acting.course.archivedAt) return { ok: false as const, error: "course.archived" as const };
  return { ok: true as const, task: found.task };
}

/**
 * What the exception must say to mean anything, against the task's rules as they are now:
 * dates later than the task's (a deadline where the task has one), extra hand-ins where the
 * task has a limit, and something at all.
 */
function refusals(task: { dueAt: Date | null; lateUntil: Date | null; maxPerDay: number | null }, e: StudentException): GrantResult & { ok: false } | null {
  const errors: Partial<Record<keyof ExceptionInput | "form", ExceptionFieldError>> = {};
  if (e.dueAt) {
    if (!task.dueAt) errors.dueAt = "noDeadline";
    else if (e.dueAt <= task.dueAt) errors.dueAt = "notLater";
  }
  if (e.lateUntil) {
    const due = e.dueAt ?? task.dueAt;
    if (!due) errors.lateUntil = "noDeadline";
    else if (e.lateUntil < due) errors.lateUntil = "lateUntilBeforeDue";
    else if (task.lateUntil && e.lateUntil <= task.lateUntil) errors.lateUntil = "notLater";
  }
  if (e.extraAttempts != null && task.maxPerDay == null) errors.extraAttempts = "noLimit";
  if (!e.dueAt && !e.lateUntil && e.extraAttempts == null && e.lateCredit == null) errors.form = "empty";
  return Object.keys(errors).length ? { ok: false, error: "invalid", errors } : null;
}

export async function grantException(instructor: SessionUser, cookies: CookieReader, input: unknown, now = new Date()): Promise<GrantResult> {
  const parsed = exceptionInput.safeParse(input);
  if (!parsed.success) {
    const ids = z.object({ taskId: z.string(), userId: z.string() }).safeParse(input);
    if (!ids.success) return { ok: false, error: "forbidden" };
    const errors: Partial<Record<keyof ExceptionInput, ExceptionFieldError>> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]) as keyof ExceptionInput;
      errors[field] ??= ZOD_FIELD_CODES[field] ?? "empty";
    }
    return { ok: false, error: "invalid", errors };
  }
  const s = parsed.data;
  const found = await taskScope(instructor, cookies, s.taskId);
  if (!found.ok) return found;
  // Only a student of the task's course (a student of another course is nobody here).
  const student = await db.user.findFirst({ where: { id: s.userId, ...studentsOf(found.task.courseId) }, select: { id: true } });
  if (!student) return { ok: false, error: "forbidden" };
  const granted: StudentException = { dueAt: s.dueAt, lateUntil: s.lateUntil, extraAttempts: s.extraAttempts, lateCredit: s.lateCreditPercent == null ? null : s.lateCreditPercent / 100 };
  const refused = refusals(found.task, granted);
  if (refused) return refused;
  // One in force per student and task: the one before is revoked (and kept) in the same transaction.
  const done = await db.$transaction(async (tx) => {
    // The student's membership is locked first (on PostgreSQL; SQLite's transaction holds the
    // write lock already), as a hand-in of theirs locks it: of two grants at once the second
    // waits, then revokes the first's (at READ COMMITTED it would not see it, and two would be
    // in force), and a hand-in is judged by the exception before or after, never half of one.
    if (!(await lockEnrollment(tx, s.userId, found.task.courseId))) return null; // left the course meanwhile
    const before = await exceptionInForce(tx, s.taskId, s.userId);
    await tx.taskException.updateMany({ where: { taskId: s.taskId, userId: s.userId, revokedAt: null }, data: { revokedAt: now, revokedById: instructor.id } });
    const created = await tx.taskException.create({ data: { taskId: s.taskId, userId: s.userId, ...granted, grantedById: instructor.id, grantedAt: now } });
    return { id: created.id, before };
  });
  if (!done) return { ok: false, error: "forbidden" };
  return { ok: true, exceptionId: done.id, change: await studentGradeChange(found.task, s.userId, done.before, granted) };
}

export async function revokeException(instructor: SessionUser, cookies: CookieReader, exceptionId: unknown, now = new Date()): Promise<RevokeResult> {
  const id = z.string().min(1).max(100).safeParse(exceptionId);
  if (!id.success) return { ok: false, error: "forbidden" };
  const exception = await db.taskException.findUnique({ where: { id: id.data } });
  if (!exception) return { ok: false, error: "forbidden" };
  const found = await taskScope(instructor, cookies, exception.taskId);
  if (!found.ok) return found;
  if (exception.revokedAt) return { ok: true, change: null }; // already revoked: nothing moves
  const revoked = await db.taskException.updateMany({ where: { id: exception.id, revokedAt: null }, data: { revokedAt: now, revokedById: instructor.id } });
  if (revoked.count === 0) return { ok: true, change: null };
  return { ok: true, change: await studentGradeChange(found.task, exception.userId, exception, null) };
}
