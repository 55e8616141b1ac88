/** Settings for bench/queue-throughput.ts, applied before any server module reads them. */
import { randomBytes } from "node:crypto";
import { freshDatabase } from "../tests/web/test-db";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const PREFIX = `bench-${randomBytes(3).toString("hex")}`;
Object.assign(process.env, { REDIS_URL, TREINO_QUEUE_PREFIX: PREFIX, TREINO_GRADING_PROFILE: "quick" });
export const testDb = freshDatabase();
