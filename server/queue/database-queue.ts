/**
 * The embedded queue: the Submission table is the queue. Claims are a single conditional
 * UPDATE, so two workers (threads or processes) never take the same job (on PostgreSQL with
 * SKIP LOCKED, so they do not queue up behind each other either); a worker that dies stops
 * beating and its jobs go back to the queue.
 */
import * as os from "node:os";
import { db, dbProvider, Prisma, type Db } from "../db";
import { env } from "../env";
import type { GradingQueue, JobSource } from "./types";

/** A job whose worker has not beaten for this long is taken to be orphaned. */
export const STALE_AFTER_MS = 30_000;
/** After this many claims a job is not retried: it keeps killing its workers. */
export const MAX_CLAIMS = 3;

/**
 * Takes the oldest queued job for the worker through `client` (the process's `db`; the tests
 * race several clients). Identifiers are quoted: PostgreSQL folds unquoted ones to lower case.
 * On SQLite the statement runs alone under the write lock: no other claim can interleave. On
 * PostgreSQL claims run side by side: the subquery locks the row it picks and skips rows
 * another claim has locked, so concurrent workers take different jobs and never wait on each
 * other; `AND "status" = 'queued'` re-checks the row once it is locked.
 */
export async function claimNext(client: Db, workerId: string): Promise<string | null> {
  const now = new Date();
  const lock = dbProvider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const rows = await client.$queryRaw<{ id: string }[]>`
    UPDATE "Submission"
       SET "status" = 'running', "workerId" = ${workerId}, "heartbeatAt" = ${now}, "startedAt" = ${now}, "claims" = "claims" + 1, "progress" = NULL
     WHERE "id" = (SELECT "id" FROM "Submission" WHERE "status" = 'queued' ORDER BY "queuedAt", "id" LIMIT 1 ${lock})
       AND "status" = 'queued'
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

export const databaseQueue: GradingQueue & JobSource = {
  async enqueue() {
    // The stored row with status "queued" is the queue entry; workers poll for it.
  },

  async position(submissionId) {
    const sub = await db.submission.findUnique({ where: { id: submissionId }, select: { status: true, queuedAt: true } });
    if (!sub || sub.status !== "queued") return null;
    return 1 + (await db.submission.count({ where: { status: "queued", queuedAt: { lt: sub.queuedAt } } }));
  },

  async capacity() {
    // Workers beat while they grade: count distinct live workers' jobs, at least the cores of one.
    const running = await db.submission.count({ where: { status: "running", heartbeatAt: { gt: new Date(Date.now() - STALE_AFTER_MS) } } });
    return Math.max(1, running, env.TREINO_WORKER_CONCURRENCY ?? os.availableParallelism());
  },

  claim: (workerId) => claimNext(db, workerId),

  async heartbeat(workerId, submissionIds) {
    if (submissionIds.length === 0) return;
    await db.submission.updateMany({ where: { id: { in: submissionIds }, workerId, status: "running" }, data: { heartbeatAt: new Date() } });
  },

  async release(workerId, submissionId) {
    await db.submission.updateMany({ where: { id: submissionId, workerId, status: "running" }, data: { status: "queued", workerId: null, heartbeatAt: null, progress: Prisma.DbNull, claims: { decrement: 1 } } }); // a hand-back is not a death
  },

  async reclaimStale(now = new Date()) {
    const stale = await db.submission.findMany({
      where: { status: "running", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } }] },
      select: { id: true, claims: true, workerId: true },
    });
    const requeued: string[] = [];
    const abandoned: string[] = [];
    for (const s of stale) {
      const giveUp = s.claims >= MAX_CLAIMS;
      const { count } = await db.submission.updateMany({
        where: { id: s.id, status: "running", workerId: s.workerId },
        data: giveUp
          ? { status: "error", finishedAt: now, progress: { error: `grading stopped ${s.claims} times without finishing (the worker died each time)` } }
          : { status: "queued", workerId: null, heartbeatAt: null },
      });
      if (count) (giveUp ? abandoned : requeued).push(s.id);
    }
    return { requeued, abandoned };
  },
};
