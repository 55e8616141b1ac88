/**
 * Regrading puts a submission back in the queue; its earlier results stay in the history
 * (no longer current). "Rerun with the recorded seed" pins the seed its current result used.
 */
import type { GradeResult } from "../../grader/result";
import { isCourseArchived } from "../courses/archive";
import { db, Prisma } from "../db";
import { gradingQueue } from "../queue";

/** Puts the submission back in the queue; false when it is waiting or running already, or its course is archived (read-only). */
export async function regradeSubmission(submissionId: string, opts: { recordedSeed: boolean }): Promise<boolean> {
  const sub = await db.submission.findUnique({ where: { id: submissionId }, include: { task: { select: { courseId: true } }, results: { where: { current: true }, take: 1 } } });
  if (!sub || sub.status === "running" || sub.status === "queued") return false;
  if (await isCourseArchived(sub.task.courseId)) return false;
  const recorded = (sub.results[0]?.result as unknown as GradeResult | undefined)?.environment.seed;
  // Only from the finished state just read: two regrades at once (a double click, "regrade all"
  // beside a single one) queue it once, and a worker that took it meanwhile keeps it.
  const queued = await db.submission.updateMany({
    where: { id: submissionId, status: sub.status },
    data: {
      status: "queued", workerId: null, heartbeatAt: null, claims: 0, progress: Prisma.DbNull, finishedAt: null,
      seed: opts.recordedSeed && recorded != null ? recorded : null,
      // Back of the line, behind students waiting now; createdAt (the hand-in time) stays.
      queuedAt: new Date(),
    },
  });
  if (queued.count === 0) return false;
  await gradingQueue.enqueue(submissionId);
  return true;
}

/** Submissions that can go back to the queue: finished ones (graded, or failed in the grader). */
const REGRADABLE = { in: ["graded", "error"] };

/** How many submissions "regrade all" would queue, for the confirmation to name. */
export async function regradableCount(taskId: string): Promise<number> {
  return db.submission.count({ where: { taskId, status: REGRADABLE } });
}

/** How many of a task's submissions are waiting or being graded (the page refreshes until none). */
export async function pendingCount(taskId: string): Promise<number> {
  return db.submission.count({ where: { taskId, status: { in: ["queued", "running"] } } });
}

export async function regradeTask(taskId: string): Promise<number> {
  const subs = await db.submission.findMany({ where: { taskId, status: REGRADABLE }, select: { id: true } });
  let n = 0;
  for (const s of subs) if (await regradeSubmission(s.id, { recordedSeed: false })) n++;
  return n;
}
