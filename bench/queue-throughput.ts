/**
 * Distributed grading throughput: submissions per minute through BullMQ on the real Redis,
 * with 1 and then 2 worker processes (one job at a time each, as one-core machines would
 * be), the web host's collector storing the results in a scratch SQLite database.
 *
 *   npm run bench:queue [-- N]     (N submissions per run, default 40)
 */
import { PREFIX, REDIS_URL, testDb } from "./queue-throughput-env"; // first: sets the environment
import { spawn } from "node:child_process";
import * as os from "node:os";
import { registerStudent } from "../server/accounts/register";
import { syncTasks } from "../server/courses/sync-tasks";
import { db } from "../server/db";
import { startCollector } from "../server/queue/bullmq/collector";
import { removeQueues } from "../server/queue/bullmq/names";
import { closeBullmqQueue } from "../server/queue/bullmq/queue";
import { createSubmission } from "../server/submissions/create";

const N = Number(process.argv[2] ?? 40);
const code = `import * as tf from "@tensorflow/tfjs";
export const training = { epochs: 3, batchSize: 50 };
const m = (l: tf.layers.Layer) => { const s = tf.sequential(); s.add(l); s.add(tf.layers.dense({ units: 1 })); return s; };
export function buildRnn(): tf.LayersModel { return m(tf.layers.simpleRNN({ units: 4, inputShape: [5, 1] })); }
export function buildLstm(): tf.LayersModel { return m(tf.layers.lstm({ units: 4, inputShape: [5, 1] })); }
`;

async function run(workers: number, user: { id: string; email: string; name: string; role: "student" }, taskId: string): Promise<number> {
  for (let i = 0; i < N; i++) await createSubmission(user, taskId, new TextEncoder().encode(code), null);
  const started = Date.now();
  const procs = Array.from({ length: workers }, () =>
    spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server/worker/main.ts"], {
      env: { ...process.env, TREINO_WORKER_CONCURRENCY: "1", DATABASE_URL: "file:/nonexistent/x.db" },
      stdio: "ignore",
      detached: true,
    }),
  );
  try {
    while ((await db.submission.count({ where: { status: "graded" } })) < N) await new Promise((res) => setTimeout(res, 200));
    return N / ((Date.now() - started) / 60_000);
  } finally {
    for (const p of procs) process.kill(-p.pid!, "SIGKILL");
    await db.submission.deleteMany({});
  }
}

async function main() {
  console.log(`Treino queue throughput — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; ${N} next-number submissions (tiny models, 3 epochs) per run`);
  await db.course.create({ data: { slug: "c", title: "Course", joinCode: "JOIN" } });
  await syncTasks();
  const task = await db.task.findFirstOrThrow({ where: { slug: "next-number" } });
  const r = await registerStudent({ name: "B", email: "b@x.org", password: "password-1", joinCode: "JOIN" });
  if (!r.ok) throw new Error("registration");
  const user = { id: r.userId, email: "b@x.org", name: "B", role: "student" as const };
  const collector = startCollector({ redisUrl: REDIS_URL, prefix: PREFIX });
  try {
    const one = await run(1, user, task.id);
    console.log(`1 worker:  ${one.toFixed(1)} submissions/minute`);
    const two = await run(2, user, task.id);
    console.log(`2 workers: ${two.toFixed(1)} submissions/minute (x${(two / one).toFixed(2)})`);
  } finally {
    await collector.close();
    await removeQueues(REDIS_URL, PREFIX);
    await closeBullmqQueue();
    await db.$disconnect();
    testDb.cleanup();
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
