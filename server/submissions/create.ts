/**
 * Handing in: validate the file, store it (whatever it contains: a submission that will
 * fail to compile is kept too), and queue it. Nothing is stored when the input is refused.
 */
import { db } from "../db";
import { gradingQueue } from "../queue";
import type { SessionUser } from "../auth";
import { validateSource, type UploadError } from "./upload";

export type CreateError = UploadError | { code: "task.notFound" } | { code: "task.notEnrolled" };

export async function createSubmission(
  user: SessionUser,
  taskId: string,
  bytes: Uint8Array,
  fileName: string | null,
): Promise<{ ok: true; submissionId: string } | { ok: false; error: CreateError }> {
  const task = await db.task.findUnique({ where: { id: taskId }, select: { id: true, courseId: true } });
  if (!task) return { ok: false, error: { code: "task.notFound" } };
  const enrolled = await db.enrollment.findUnique({ where: { userId_courseId: { userId: user.id, courseId: task.courseId } } });
  if (!enrolled) return { ok: false, error: { code: "task.notEnrolled" } };
  const source = validateSource(bytes, fileName);
  if (!source.ok) return { ok: false, error: source.error };

  // The attempt number is unique per student and task: retry if two submits race.
  for (let tries = 0; ; tries++) {
    const last = await db.submission.findFirst({ where: { userId: user.id, taskId }, orderBy: { attempt: "desc" }, select: { attempt: true } });
    try {
      const sub = await db.submission.create({
        data: { userId: user.id, taskId, attempt: (last?.attempt ?? 0) + 1, code: source.code, fileName },
      });
      await gradingQueue.enqueue(sub.id);
      return { ok: true, submissionId: sub.id };
    } catch (err) {
      if (tries >= 3 || !String(err).includes("Unique constraint")) throw err;
    }
  }
}
