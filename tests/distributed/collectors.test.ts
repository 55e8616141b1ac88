/**
 * Collectors on several web hosts (issue 15): two collector processes
 * (server/queue/bullmq/collector-main.ts, as `npm start` runs one on each web host with
 * REDIS_URL) consume one results queue on the real Redis (127.0.0.1:6379) and write to one
 * database. Each result is published twice (a job handed on after its worker stalled can
 * finish on two workers), some for a job the submission no longer waits for (a regrade queued
 * it again): every submission must end with exactly one result, the one of the job it waits
 * for, and both collectors must have stored some.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as readline from "node:readline";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../web/test-db";

const REDIS_URL = process.env.TREINO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `test-${process.pid}-${randomBytes(3).toString("hex")}`;
Object.assign(process.env, { REDIS_URL, TREINO_QUEUE_PREFIX: PREFIX, TREINO_GRADING_PROFILE: "quick" });
const testDb = freshDatabase();
const { db } = await import("../../server/db");
const { seedClass } = await import("../web/class-fixture");
const { createSubmission } = await import("../../server/submissions/create");
const { closeBullmqQueue } = await import("../../server/queue/bullmq/queue");
const { queueNames, redisConnection, removeQueues } = await import("../../server/queue/bullmq/names");

const TOTAL = 40;
const result = (score: number) => ({
  passed: true, score, maxScore: 10, checks: [{ id: "c", status: "pass", points: score, maxPoints: 10 }], metrics: {}, curves: {},
  environment: { backend: "cpu", tfjsVersion: "4.22.0", graderVersion: "test", seed: 1, profile: "quick" }, timing: { totalMs: 5 },
});

const collectors: { child: ChildProcess; stored: number; refused: number; ready: Promise<void> }[] = [];

function startCollector() {
  const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/queue/bullmq/collector-main.ts"], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  let markReady!: () => void;
  const entry = { child, stored: 0, refused: 0, ready: new Promise<void>((r) => (markReady = r)) };
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    if (/collector ready/.test(line)) markReady();
    if (/stored the result of/.test(line)) entry.stored++;
    if (/not stored/.test(line)) entry.refused++;
  });
  collectors.push(entry);
  return entry;
}

// Both must listen before the results go out, or the first one up may take them all.
beforeAll(async () => {
  await Promise.all([startCollector().ready, startCollector().ready]);
}, 60_000);

afterAll(async () => {
  await Promise.all(collectors.map(({ child }) => new Promise((r) => { child.once("exit", r); child.kill("SIGTERM"); })));
  await removeQueues(REDIS_URL, PREFIX);
  await closeBullmqQueue();
  await db.$disconnect();
  testDb.cleanup();
});

describe("two collectors on one Redis and one database", () => {
  it("store each result exactly once, only the job's the submission waits for", async () => {
    const { ana, bia, taskId } = await seedClass();
    const ids: string[] = [];
    for (let i = 0; i < TOTAL; i++) {
      const made = await createSubmission(i % 2 ? ana : bia, taskId, new TextEncoder().encode(`export const x = ${i};\n`), null);
      if (!made.ok) throw new Error(JSON.stringify(made.error));
      ids.push(made.submissionId);
    }
    // createSubmission queued a grade job per submission and wrote its id on the row.
    const subs = await db.submission.findMany({ where: { id: { in: ids } }, select: { id: true, workerId: true } });
    expect(subs.every((s) => s.workerId?.startsWith(s.id))).toBe(true);

    // What workers publish: each result twice, and for every fifth submission first a result of
    // an earlier job of it (before a regrade), which must never be stored.
    const results = new Queue(queueNames(PREFIX).results, { connection: redisConnection(REDIS_URL) });
    const jobs = subs.flatMap((s, i) => [
      ...(i % 5 === 0 ? [{ submissionId: s.id, gradeJobId: `${s.id}-1`, result: result(1) }] : []),
      { submissionId: s.id, gradeJobId: s.workerId!, result: result(8) },
      { submissionId: s.id, gradeJobId: s.workerId!, result: result(8) },
    ]);
    await results.addBulk(jobs.map((data) => ({ name: "result", data })));

    const deadline = Date.now() + 60_000;
    const drained = async () => {
      const c = await results.getJobCounts("waiting", "active", "delayed", "completed", "failed");
      return c.waiting + c.active + c.delayed === 0 && c.completed + c.failed === jobs.length ? c : null;
    };
    let counts = await drained();
    while (!counts && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      counts = await drained();
    }
    await results.close();
    expect(counts).toMatchObject({ failed: 0, completed: jobs.length });

    const stored = await db.submission.findMany({ where: { id: { in: ids } }, include: { results: true } });
    expect(stored.filter((s) => s.status !== "graded" || s.results.length !== 1).map((s) => `${s.id}: ${s.status}, ${s.results.length} results`)).toEqual([]);
    expect(stored.every((s) => s.results[0].score === 8 && s.results[0].current)).toBe(true);

    // Both collectors took part: between them one store per submission, every other result refused.
    await new Promise((r) => setTimeout(r, 300)); // the last log lines
    const [a, b] = collectors;
    expect(a.stored + b.stored).toBe(TOTAL);
    expect(a.refused + b.refused).toBe(jobs.length - TOTAL);
    expect(a.stored).toBeGreaterThan(0);
    expect(b.stored).toBeGreaterThan(0);
  }, 120_000);
});
