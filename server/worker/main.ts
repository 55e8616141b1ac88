/**
 * `npm run worker`: a grading worker process. Started by `npm start` beside the web server;
 * more can run on the same database, or, with REDIS_URL set, on any host that reaches Redis
 * (such a worker needs no database). SIGTERM/SIGINT: the database worker hands running jobs
 * back; the BullMQ worker finishes them first (a second signal abandons them, and BullMQ
 * gives them to another worker).
 */
import { env } from "../env";

const log = (line: string) => console.log(`[worker] ${line}`);
let signals = 0;

async function bullmqWorker(redisUrl: string) {
  const { startBullmqWorker } = await import("../queue/bullmq/grading-worker");
  // A grading host of its own would generate a secret seed of its own, and grade on other hidden data.
  if (!process.env.TREINO_SECRET_SEED) log(`TREINO_SECRET_SEED is not set: grading with the seed in ${env.DATA_DIR}/secret-seed; on a host apart from the web host set it to the installation's (docs/deployment.md)`);
  const w = startBullmqWorker({ redisUrl, prefix: env.TREINO_QUEUE_PREFIX, concurrency: env.TREINO_WORKER_CONCURRENCY, lockMs: env.TREINO_QUEUE_LOCK_MS, log });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      signals++;
      log(signals === 1 ? `${signal}: finishing running jobs (again to abandon them)` : `${signal}: abandoning running jobs`);
      void (signals === 1 ? w.close() : w.abort()).then(() => process.exit(0));
    });
  }
}

async function databaseWorker() {
  // Imported here so a Redis-only worker host never opens a database.
  const { jobSource } = await import("../queue");
  const { GradingWorker } = await import("./worker");
  const worker = new GradingWorker({
    source: jobSource,
    concurrency: env.TREINO_WORKER_CONCURRENCY,
    profile: env.TREINO_GRADING_PROFILE,
    referenceRuns: true,
    log,
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (signals++) return;
      log(`${signal}: handing back running jobs`);
      void worker.stop().then(() => process.exit(0));
    });
  }
  // Jobs left running by a worker that died before this one started go back first.
  void jobSource.reclaimStale().then(() => worker.start());
}

void (env.REDIS_URL ? bullmqWorker(env.REDIS_URL) : databaseWorker());
