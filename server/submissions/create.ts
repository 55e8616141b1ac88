/**
 * Handing in: validate the file, store it (whatever it contains: a submission that will
 * fail to compile is kept too), and queue it. Nothing is stored when the input is refused.
 */
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { lockEnrollment } from "../db/locks";
import { gradingQueue } from "../queue";
import type { SessionUser } from "../auth";
import { archivedRefusal, type ArchivedRefusal } from "../courses/archive";
import { allowanceFor } from "../rules/allowance";
import { ruleRefusal, type RuleRefusal } from "../rules/refusal";
import { validateSource, type UploadError } from "./upload";

export type CreateError =
  | UploadError
  | { code: "task.notFound" }
  | { code: "task.notEnrolled" }
  | ArchivedRefusal
  | RuleRefusal;

export async function createSubmission(
  user: SessionUser,
  taskId: string,
  bytes: Uint8Array,
  fileName: string | null,
): Promise<{ ok: true; submissionId: string } | { ok: false; error: CreateError }> {
  const task = await db.task.findUnique({ where: { id: taskId } });
  if (!task) return { ok: false, error: { code: "task.notFound" } };
  const enrolled = await db.enrollment.findUnique({ where: { userId_courseId: { userId: user.id, courseId: task.courseId } } });
  if (!enrolled) return { ok: false, error: { code: "task.notEnrolled" } };
  const source = validateSource(bytes, fileName);
  if (!source.ok) return { ok: false, error: source.error };

  // The rules and the insert in one transaction: two quick submits cannot both take the last slot.
  for (let tries = 0; ; tries++) {
    try {
      const result = await db.$transaction(async (tx) => {
        // The student's membership is locked first (on PostgreSQL; SQLite's transaction holds
        // the write lock already): a second hand-in of theirs, or an exception being granted
        // them, waits here, then counts with this one stored. Without it, at READ COMMITTED
        // two hand-ins would both count the same past and both take the last slot.
        if (!(await lockEnrollment(tx, user.id, task.courseId))) return { ok: false as const, error: { code: "task.notEnrolled" as const } };
        const now = new Date();
        // An archived course is read-only: nothing is stored (read here, so an archive that
        // lands first wins over a hand-in in flight).
        const archived = archivedRefusal(await tx.course.findUniqueOrThrow({ where: { id: task.courseId }, select: { archivedAt: true } }));
        if (archived) return { ok: false as const, error: archived };
        const allowance = await allowanceFor(user.id, task, now, tx);
        const refused = ruleRefusal(allowance);
        if (refused) return { ok: false as const, error: refused };
        const last = await tx.submission.findFirst({ where: { userId: user.id, taskId }, orderBy: { attempt: "desc" }, select: { attempt: true } });
        const sub = await tx.submission.create({
          data: { userId: user.id, taskId, attempt: (last?.attempt ?? 0) + 1, code: source.code, fileName, createdAt: now, queuedAt: now },
        });
        return { ok: true as const, submissionId: sub.id };
      });
      if (result.ok) await gradingQueue.enqueue(result.submissionId);
      return result;
    } catch (err) {
      // Two attempts numbered alike fail the unique index (the lock above makes it unlikely): number again.
      if (tries >= 3 || !isUniqueViolation(err)) throw err;
    }
  }
}
