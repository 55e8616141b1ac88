/**
 * The one database client. SQLite through better-sqlite3 (transactions take the write lock
 * first: sqlite-adapter.ts); one instance per process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { env } from "../env";
import { PrismaClient } from "./generated/client";
import { ImmediateSQLiteAdapterFactory } from "./sqlite-adapter";

export { Prisma } from "./generated/client";

function create(url: string): PrismaClient {
  fs.mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });
  return new PrismaClient({ adapter: new ImmediateSQLiteAdapterFactory({ url, timeout: 10_000 }) });
}

const globalForDb = globalThis as unknown as { treinoDb?: PrismaClient };
// Reused across hot reloads in development, so each reload does not open another handle.
export const db: PrismaClient = globalForDb.treinoDb ?? create(env.DATABASE_URL);
if (env.NODE_ENV !== "production") globalForDb.treinoDb = db;
