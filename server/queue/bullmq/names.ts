/** Queue names, job ids and payloads shared by the web host and the workers. */
import { z } from "zod";

export const queueNames = (prefix: string) => ({ grade: `${prefix}-grade`, results: `${prefix}-results` });

/** One job per queueing of a submission: a regrade queues it again under a new id. */
export const gradeJobId = (submissionId: string, queuedAt: Date) => `${submissionId}-${queuedAt.getTime()}`;

/** Everything a worker needs to grade: it never touches the database. */
export const gradeJob = z.object({
  submissionId: z.string(),
  task: z.string(),
  code: z.string(),
  profile: z.enum(["full", "quick"]),
  seed: z.number().int().optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});
export type GradeJob = z.infer<typeof gradeJob>;

export interface ResultJob {
  submissionId: string;
  gradeJobId: string;
  result: unknown;
}

export function redisConnection(url: string) {
  // BullMQ's blocking commands need unlimited retries per request.
  return { url, maxRetriesPerRequest: null };
}

/** Deletes an installation's queues and their jobs from Redis (tests, benchmarks). */
export async function removeQueues(redisUrl: string, prefix: string): Promise<void> {
  const { Queue } = await import("bullmq");
  for (const name of Object.values(queueNames(prefix))) {
    const q = new Queue(name, { connection: redisConnection(redisUrl) });
    await q.obliterate({ force: true });
    await q.close();
  }
}
