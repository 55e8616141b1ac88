/**
 * The queue this installation uses: the database itself on the embedded default, BullMQ on
 * Redis when REDIS_URL is set (workers on many machines; see docs/deployment.md).
 */
import { env } from "../env";
import { databaseQueue } from "./database-queue";
import { bullmqQueue } from "./bullmq/queue";
import type { GradingQueue, JobSource } from "./types";

export const gradingQueue: GradingQueue = env.REDIS_URL ? bullmqQueue : databaseQueue;
/** The database queue's worker side (with BullMQ, workers talk to Redis instead). */
export const jobSource: JobSource = databaseQueue;
export type { GradingQueue, JobSource };
