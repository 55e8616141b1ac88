/**
 * The web host's side of the distributed queue: the only writer to the database. Stores
 * results from the results queue (each exactly once: only the job the submission is
 * waiting for may store, and only while it waits), writes live progress and marks jobs
 * that exhausted their retries as grader errors.
 */
import { Queue, QueueEvents, Worker } from "bullmq";
import type { GradeResult } from "../../../grader/result";
import { db, Prisma } from "../../db";
import { storeResult } from "../../submissions/store-result";
import { queueNames, redisConnection, type ResultJob } from "./names";

export function startCollector(opts: { redisUrl: string; prefix: string; log?: (line: string) => void }) {
  const names = queueNames(opts.prefix);
  const connection = redisConnection(opts.redisUrl);
  const log = opts.log ?? (() => {});
  const submissionOf = (jobId: string) => jobId.slice(0, jobId.lastIndexOf("-"));

  const results = new Worker(
    names.results,
    async (job) => {
      const { submissionId, gradeJobId, result } = job.data as ResultJob;
      const stored = await storeResult(submissionId, gradeJobId, result as GradeResult);
      // With a collector on every web host, each result is stored by exactly one of them.
      log(stored ? `stored the result of ${gradeJobId}` : `result of ${gradeJobId} not stored: the submission no longer waits for it`);
    },
    { connection, concurrency: 4 },
  );

  const events = new QueueEvents(names.grade, { connection });
  // Every activation counts as a claim: a job handed on after its worker died is taken again.
  events.on("active", ({ jobId }) => {
    void db.submission
      .updateMany({ where: { id: submissionOf(jobId), workerId: jobId, status: { in: ["queued", "running"] } }, data: { status: "running", startedAt: new Date(), claims: { increment: 1 } } })
      .catch(() => {});
  });
  events.on("progress", ({ jobId, data }) => {
    void db.submission.updateMany({ where: { id: submissionOf(jobId), workerId: jobId, status: "running" }, data: { progress: data as Prisma.InputJsonValue } }).catch(() => {});
  });
  const gradeQueue = new Queue(names.grade, { connection });
  events.on("failed", async ({ jobId, failedReason }) => {
    // Every failed attempt is reported; only a job out of retries ends the submission.
    const job = await gradeQueue.getJob(jobId).catch(() => null);
    if (job && (await job.getState()) !== "failed") return;
    await db.submission
      .updateMany({
        where: { id: submissionOf(jobId), workerId: jobId, status: { in: ["queued", "running"] } },
        data: { status: "error", finishedAt: new Date(), progress: { error: `grading failed: ${failedReason}` } },
      })
      .catch(() => {});
  });
  // "ready" only once both connections listen: a host (or a test) can tell a started collector
  // from one that would already take its share of results.
  const ready = Promise.all([results.waitUntilReady(), events.waitUntilReady(), gradeQueue.waitUntilReady()]).then(() =>
    log(`collector ready: results from ${names.results}, progress from ${names.grade}`),
  );

  return {
    ready,
    async close(): Promise<void> {
      await results.close();
      await events.close();
      await gradeQueue.close();
    },
  };
}
