/**
 * The distributed queue, worker side: grades jobs through the grader's entry point,
 * publishes live progress on the job and the result on the results queue. Needs Redis
 * only; the web host's collector writes to the database.
 *
 * A worker that dies mid-job stops renewing the job's lock; BullMQ then hands the job to
 * another worker. A grader fault (not the student's code: that is a result) throws, and
 * BullMQ retries with backoff.
 */
import * as os from "node:os";
import { Queue, Worker, type Job } from "bullmq";
import { gradeSubmission, GraderError } from "../../../grader";
import { WorkerCores } from "../../worker/run-slots";
import type { RuleOverrides } from "../../../grader/tasks/types";
import { applyProgress, throttled, type LiveProgress } from "../../worker/progress";
import { gradeJob, queueNames, redisConnection, type ResultJob } from "./names";

export interface BullmqWorkerOptions {
  redisUrl: string;
  prefix: string;
  concurrency?: number;
  lockMs: number;
  log?: (line: string) => void;
}

export function startBullmqWorker(opts: BullmqWorkerOptions) {
  const names = queueNames(opts.prefix);
  const connection = redisConnection(opts.redisUrl);
  const results = new Queue(names.results, { connection });
  const log = opts.log ?? (() => {});
  const running = new Map<string, AbortController>();
  const cores = new WorkerCores(opts.concurrency ?? os.availableParallelism());

  const worker = new Worker(
    names.grade,
    async (job: Job) => {
      const data = gradeJob.parse(job.data);
      const controller = new AbortController();
      running.set(job.id!, controller);
      let live: LiveProgress = { phase: "queued", totalEpochs: 0, curves: {} };
      const progress = throttled<LiveProgress>(300, (value) => job.updateProgress(value as unknown as object));
      cores.jobStarted();
      try {
        const result = await gradeSubmission({
          task: data.task,
          code: data.code,
          profile: data.profile,
          seed: data.seed,
          overrides: data.overrides as RuleOverrides | undefined,
          signal: controller.signal,
          runSlots: cores.slots,
          onProgress: (e) => {
            live = applyProgress(live, e);
            progress.push(live);
          },
        });
        await progress.settle();
        if (controller.signal.aborted) throw new GraderError("the worker is shutting down");
        const message: ResultJob = { submissionId: data.submissionId, gradeJobId: job.id!, result };
        // The result job's id is the grading job's: a retried publish cannot store twice.
        await results.add("result", message, { jobId: job.id!, attempts: 10, backoff: { type: "exponential", delay: 1_000 }, removeOnComplete: { age: 3600 } });
        log(`graded ${data.submissionId}: ${result.score}/${result.maxScore}${result.failure ? ` [${result.failure.kind}]` : ""}`);
        return { score: result.score };
      } finally {
        cores.jobEnded();
        running.delete(job.id!);
      }
    },
    { connection, concurrency: opts.concurrency ?? os.availableParallelism(), lockDuration: opts.lockMs, stalledInterval: Math.max(1000, Math.floor(opts.lockMs / 2)) },
  );
  worker.on("failed", (job, err) => log(`attempt ${job?.attemptsMade} of ${job?.id} failed: ${err.message}`));
  log(`bullmq worker on ${names.grade}: ${opts.concurrency ?? os.availableParallelism()} job(s) at a time`);

  return {
    worker,
    /** Finishes the running jobs (their results are published), then disconnects. */
    async close(): Promise<void> {
      await worker.close();
      await results.close();
    },
    /** Stops now: running jobs are abandoned and BullMQ hands them to another worker. */
    async abort(): Promise<void> {
      for (const c of running.values()) c.abort();
      await worker.close(true);
      await results.close();
    },
  };
}
