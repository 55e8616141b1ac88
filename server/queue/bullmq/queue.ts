/**
 * The distributed queue, web side: a submission becomes a BullMQ job carrying its code and
 * rules, so workers on other machines need Redis only. The job id is written on the
 * submission: only that job's result may be stored for it.
 */
import { Queue } from "bullmq";
import { db } from "../../db";
import { env } from "../../env";
import type { GradingQueue } from "../types";
import { gradeJobId, queueNames, redisConnection, type GradeJob } from "./names";

export const GRADE_ATTEMPTS = 3;

let queue: Queue | null = null;
function gradeQueue(): Queue {
  queue ??= new Queue(queueNames(env.TREINO_QUEUE_PREFIX).grade, { connection: redisConnection(env.REDIS_URL!) });
  return queue;
}

export const bullmqQueue: GradingQueue = {
  async enqueue(submissionId) {
    const sub = await db.submission.findUniqueOrThrow({ where: { id: submissionId }, include: { task: true } });
    const jobId = gradeJobId(sub.id, sub.queuedAt);
    await db.submission.update({ where: { id: sub.id }, data: { workerId: jobId } });
    const data: GradeJob = {
      submissionId: sub.id,
      task: sub.task.slug,
      code: sub.code,
      profile: env.TREINO_GRADING_PROFILE,
      seed: sub.seed ?? undefined,
      overrides: { ...((sub.task.overrides ?? {}) as Record<string, unknown>), ...(sub.task.maxEpochs ? { maxEpochs: sub.task.maxEpochs } : {}) },
    };
    await gradeQueue().add("grade", data, {
      jobId,
      // A worker that fails (not the student's code: that is a result) is retried with backoff.
      attempts: GRADE_ATTEMPTS,
      backoff: { type: "exponential", delay: 5_000 },
      removeOnComplete: { age: 24 * 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  },

  async capacity() {
    const q = gradeQueue();
    const [workers, counts] = await Promise.all([q.getWorkers(), q.getJobCounts("active")]);
    return Math.max(1, workers.length, counts.active ?? 0);
  },

  async position(submissionId) {
    const sub = await db.submission.findUnique({ where: { id: submissionId }, select: { status: true, workerId: true } });
    if (!sub || sub.status !== "queued" || !sub.workerId) return null;
    const waiting = await gradeQueue().getWaiting(0, 999); // oldest first
    const index = waiting.findIndex((j) => j.id === sub.workerId);
    return index < 0 ? null : index + 1;
  },
};

export async function closeBullmqQueue(): Promise<void> {
  await queue?.close();
  queue = null;
}
