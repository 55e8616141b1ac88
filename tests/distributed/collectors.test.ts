/**
 * Collectors on several web hosts (issue 15): collector processes
 * (server/queue/bullmq/collector-main.ts, as `npm start` runs one on each web host with
 * REDIS_URL) consume one results queue on the real Redis (127.0.0.1:6379) and write to one
 * database. Each result is published twice (a job handed on after its worker stalled can
 * finish on two workers), some for a job the submission no longer waits for (a regrade queued
 * it again): every submission must end with exactly one result, the one of the job it waits
 * for.
 *
 * Which collector takes a job is Redis's choice, so the cross-process case is forced rather
 * than hoped for: a first collector alone stores the first copies, a second one, started after
 * the first has stopped, must refuse the second copies (nothing in a process's memory can
 * help it). Then two collectors run side by side on the rest, duplicates racing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as readline from "node:readline";
import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
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

type Collector = { child: ChildProcess; stored: number; refused: number; ready: Promise<void> };
const collectors: Collector[] = [];

function startCollector(): Collector {
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

const stop = (c: Collector) =>
  new Promise<void>((resolve) => {
    if (c.child.exitCode !== null) return resolve();
    c.child.once("exit", () => resolve());
    c.child.kill("SIGTERM");
  });

afterAll(async () => {
  await Promise.all(collectors.map(stop));
  await removeQueues(REDIS_URL, PREFIX);
  await closeBullmqQueue();
  await db.$disconnect();
  testDb.cleanup();
});

type Published = { submissionId: string; gradeJobId: string; result: ReturnType<typeof result> };

/** Publishes, then waits until the results queue has finished every job it ever held. */
async function publishAndDrain(jobs: Published[]) {
  const results = new Queue(queueNames(PREFIX).results, { connection: redisConnection(REDIS_URL) });
  const before = await results.getJobCounts("completed", "failed");
  await results.addBulk(jobs.map((data) => ({ name: "result", data })));
  const deadline = Date.now() + 60_000;
  const drained = async () => {
    const c = await results.getJobCounts("waiting", "active", "delayed", "completed", "failed");
    const done = c.completed + c.failed - before.completed - before.failed;
    return c.waiting + c.active + c.delayed === 0 && done === jobs.length ? { completed: c.completed - before.completed, failed: c.failed - before.failed } : null;
  };
  let counts = await drained();
  while (!counts && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    counts = await drained();
  }
  await results.close();
  expect(counts).toEqual({ completed: jobs.length, failed: 0 });
  await new Promise((r) => setTimeout(r, 300)); // the collectors' last log lines
}

describe("two collectors on one Redis and one database", () => {
  it("store each result exactly once, only the job's the submission waits for, whichever process takes it", async () => {
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
    const current = (s: (typeof subs)[number]) => ({ submissionId: s.id, gradeJobId: s.workerId!, result: result(8) });
    // A result of an earlier job of the submission (before a regrade): never to be stored.
    const stale = (s: (typeof subs)[number]) => ({ submissionId: s.id, gradeJobId: `${s.id}-1`, result: result(1) });
    const handOver = subs.slice(0, 10);
    const together = subs.slice(10);

    // 1. One collector alone stores the first copies.
    const first = startCollector();
    await first.ready;
    await publishAndDrain(handOver.map(current));
    expect([first.stored, first.refused]).toEqual([handOver.length, 0]);

    // 2. Another process, the first one gone, gets the second copies and the stale results.
    await stop(first);
    const second = startCollector();
    await second.ready;
    await publishAndDrain([...handOver.map(current), ...handOver.map(stale)]);
    expect([second.stored, second.refused]).toEqual([0, 2 * handOver.length]);

    // 3. Two collectors side by side, both copies of each result (and some stale ones) at once.
    const third = startCollector();
    await third.ready;
    const mixed = together.flatMap((s, i) => [...(i % 5 === 0 ? [stale(s)] : []), current(s), current(s)]);
    await publishAndDrain(mixed);
    expect(second.stored + third.stored).toBe(together.length);
    expect(second.refused - 2 * handOver.length + third.refused).toBe(mixed.length - together.length);

    const stored = await db.submission.findMany({ where: { id: { in: ids } }, include: { results: true } });
    expect(stored.filter((s) => s.status !== "graded" || s.results.length !== 1).map((s) => `${s.id}: ${s.status}, ${s.results.length} results`)).toEqual([]);
    expect(stored.every((s) => s.results[0].score === 8 && s.results[0].current)).toBe(true);
  }, 180_000);
});
