/**
 * The distributed queue against the real Redis (127.0.0.1:6379): two worker processes with
 * no database, a burst of 200 submissions, one worker SIGKILLed in the middle. Every
 * submission must end with exactly one result, none lost.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../web/test-db";

const REDIS_URL = process.env.TREINO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `test-${process.pid}-${randomBytes(3).toString("hex")}`;
Object.assign(process.env, { REDIS_URL, TREINO_QUEUE_PREFIX: PREFIX, TREINO_QUEUE_LOCK_MS: "4000", TREINO_GRADING_PROFILE: "quick" });
const testDb = freshDatabase();
const { db } = await import("../../server/db");
const { registerStudent } = await import("../../server/accounts/register");
const { syncTasks } = await import("../../server/courses/sync-tasks");
const { createSubmission } = await import("../../server/submissions/create");
const { startCollector } = await import("../../server/queue/bullmq/collector");
const { closeBullmqQueue } = await import("../../server/queue/bullmq/queue");
const { removeQueues } = await import("../../server/queue/bullmq/names");
const { gradingQueue } = await import("../../server/queue");

const TOTAL = 200;
const head = `import * as tf from "@tensorflow/tfjs";\n`;
// Mostly fast failures (the sandbox boots, finds a missing export); every 10th trains two tiny models.
const cheap = `${head}export function buildRnn(): tf.LayersModel { return tf.sequential(); }\n`;
const tiny = `${head}export const training = { epochs: 1, batchSize: 100 };
const m = (l: tf.layers.Layer) => { const s = tf.sequential(); s.add(l); s.add(tf.layers.dense({ units: 1 })); return s; };
export function buildRnn(): tf.LayersModel { return m(tf.layers.simpleRNN({ units: 2, inputShape: [5, 1] })); }
export function buildLstm(): tf.LayersModel { return m(tf.layers.lstm({ units: 2, inputShape: [5, 1] })); }
`;

function startWorker(): ChildProcess {
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/worker/main.ts"], {
    // A worker host has Redis and nothing else: its database path leads nowhere.
    env: { ...process.env, DATABASE_URL: "file:/nonexistent/treino.db", TREINO_DATA_DIR: testDb.dir, TREINO_WORKER_CONCURRENCY: "2" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

let collector: { close(): Promise<void> };
const workers: ChildProcess[] = [];

beforeAll(async () => {
  await db.course.create({ data: { slug: "c", title: "Course", joinCode: "JOIN" } });
  await syncTasks();
  collector = startCollector({ redisUrl: REDIS_URL, prefix: PREFIX });
});

afterAll(async () => {
  for (const w of workers) {
    try {
      process.kill(-w.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await collector.close();
  await removeQueues(REDIS_URL, PREFIX);
  await closeBullmqQueue();
  await db.$disconnect();
  testDb.cleanup();
});

describe("BullMQ on Redis", () => {
  it("grades a burst of 200 with a worker killed mid-way: exactly one result each", async () => {
    const task = await db.task.findFirstOrThrow({ where: { slug: "next-number" } });
    const users = [];
    for (let i = 0; i < 4; i++) {
      const r = await registerStudent({ name: `S${i}`, email: `s${i}@x.org`, password: "password-1", joinCode: "JOIN" });
      if (!r.ok) throw new Error("registration");
      users.push({ id: r.userId, email: `s${i}@x.org`, name: `S${i}`, role: "student" as const });
    }
    for (let i = 0; i < TOTAL; i++) {
      const r = await createSubmission(users[i % 4], task.id, new TextEncoder().encode(i % 10 === 0 ? tiny : cheap), null);
      expect(r.ok).toBe(true);
    }
    // The queue reports places in order while nothing runs yet.
    const first = await db.submission.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    const last = await db.submission.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(await gradingQueue.position(first.id)).toBe(1);
    expect(await gradingQueue.position(last.id)).toBe(TOTAL);

    workers.push(startWorker(), startWorker());
    const done = () => db.submission.count({ where: { status: { in: ["graded", "error"] } } });
    const deadline = Date.now() + 240_000;
    while ((await done()) < TOTAL / 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    // Kill one worker (its whole process group: the sandboxes it was running too).
    process.kill(-workers[0].pid!, "SIGKILL");
    while ((await done()) < TOTAL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));

    const subs = await db.submission.findMany({ include: { results: true } });
    expect(subs).toHaveLength(TOTAL);
    expect(subs.filter((s) => s.status !== "graded").map((s) => `${s.id}: ${s.status} ${JSON.stringify(s.progress)}`)).toEqual([]);
    expect(subs.filter((s) => s.results.length !== 1).map((s) => `${s.id}: ${s.results.length} results`)).toEqual([]);
    // The kill mattered: some job was running on the killed worker and another worker took it over.
    expect(subs.filter((s) => s.claims >= 2).length).toBeGreaterThan(0);
    // The grader really ran: kinds as expected for both kinds of submission.
    const kinds = new Set(subs.map((s) => s.results[0].failureKind));
    expect(kinds).toEqual(new Set(["export", null]));
  }, 300_000);
});
