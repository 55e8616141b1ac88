/**
 * Granting and revoking a student's exception on a task. Only an instructor of the task's
 * course may, and only for a student enrolled in it: both checked here, on the server, on
 * every call (the course comes from `actingCourse`, through `instructorCourse`).
 */
import { z } from "zod";
import type { SessionUser } from "../auth";
import { db } from "../db";
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

export type GrantResult =
  | { ok: true; exceptionId: string; change: StudentGradeChange | null }
  | { ok: false; error: "forbidden" }
  | { ok: false; error: "invalid"; errors: Partial<Record<keyof ExceptionInput | "form", ExceptionFieldError>> };

export type RevokeResult = { ok: true; change: StudentGradeChange | null } | { ok: false; error: "forbidden" };

const ZOD_FIELD_CODES: Record<string, ExceptionFieldError> = { taskId: "choose", userId: "choose", dueAt: "date", lateUntil: "date", extraAttempts: "extraAttempts", lateCreditPercent: "percent" };

/** The task and student an instructor may grant an exception for, or null: never another course's. */
async function scope(instructor: SessionUser, taskId: string, userId: string) {
  const course = await actingCourse(instructor);
  if (!course) return null;
  const task = await db.task.findFirst({ where: { id: taskId, courseId: course.id } });
  const student = await db.user.findFirst({ where: { id: userId, role: "student", enrollments: { some: { courseId: course.id } } }, select: { id: true } });
  return task && student ? { task, student } : null;
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

export async function grantException(instructor: SessionUser, input: unknown, now = new Date()): Promise<GrantResult> {
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
  const found = await scope(instructor, s.taskId, s.userId);
  if (!found) return { ok: false, error: "forbidden" };
  const granted: StudentException = { dueAt: s.dueAt, lateUntil: s.lateUntil, extraAttempts: s.extraAttempts, lateCredit: s.lateCreditPercent == null ? null : s.lateCreditPercent / 100 };
  const refused = refusals(found.task, granted);
  if (refused) return refused;
  // One in force per student and task: the one before is revoked (and kept) in the same transaction.
  const { id, before } = await db.$transaction(async (tx) => {
    const before = await exceptionInForce(tx, s.taskId, s.userId);
    await tx.taskException.updateMany({ where: { taskId: s.taskId, userId: s.userId, revokedAt: null }, data: { revokedAt: now, revokedById: instructor.id } });
    const created = await tx.taskException.create({ data: { taskId: s.taskId, userId: s.userId, ...granted, grantedById: instructor.id, grantedAt: now } });
    return { id: created.id, before };
  });
  return { ok: true, exceptionId: id, change: await studentGradeChange(found.task, s.userId, before, granted) };
}

export async function revokeException(instructor: SessionUser, exceptionId: unknown, now = new Date()): Promise<RevokeResult> {
  const id = z.string().min(1).max(100).safeParse(exceptionId);
  if (!id.success) return { ok: false, error: "forbidden" };
  const course = await actingCourse(instructor);
  const exception = course ? await db.taskException.findFirst({ where: { id: id.data, task: { courseId: course.id } }, include: { task: true } }) : null;
  if (!exception) return { ok: false, error: "forbidden" };
  if (exception.revokedAt) return { ok: true, change: null }; // already revoked: nothing moves
  const revoked = await db.taskException.updateMany({ where: { id: exception.id, revokedAt: null }, data: { revokedAt: now, revokedById: instructor.id } });
  if (revoked.count === 0) return { ok: true, change: null };
  return { ok: true, change: await studentGradeChange(exception.task, exception.userId, exception, null) };
}
