/**
 * `npm run worker`: a grading worker process. Started by `npm start` beside the web server;
 * more can run on the same database. SIGTERM/SIGINT hand running jobs back and exit.
 */
import { env } from "../env";
import { jobSource } from "../queue";
import { GradingWorker } from "./worker";

const worker = new GradingWorker({
  source: jobSource,
  concurrency: env.TREINO_WORKER_CONCURRENCY,
  profile: env.TREINO_GRADING_PROFILE,
  referenceRuns: true,
  log: (line) => console.log(`[worker] ${line}`),
});

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[worker] ${signal}: handing back running jobs`);
    worker.stop().then(() => process.exit(0));
  });
}

// Jobs left running by a worker that died before this one started go back first.
void jobSource.reclaimStale().then(() => worker.start());
