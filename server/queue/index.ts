/** The queue this installation uses. The embedded default needs nothing but the database. */
import { databaseQueue } from "./database-queue";
import type { GradingQueue, JobSource } from "./types";

export const gradingQueue: GradingQueue = databaseQueue;
export const jobSource: JobSource = databaseQueue;
export type { GradingQueue, JobSource };
