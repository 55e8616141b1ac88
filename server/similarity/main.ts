/**
 * The similarity runner's process, started by `npm start` beside the web server and the
 * grading worker (scripts/serve.mjs). It needs the database: it runs on the web host.
 * SIGTERM/SIGINT: it finishes the analysis under way (a few seconds), then exits.
 */
import * as os from "node:os";
import { SimilarityRunner } from "./runner";

const log = (line: string) => console.log(`[similarity] ${line}`);
try {
  // Below the web server and the grading worker: it may wait, they should not.
  os.setPriority(10);
} catch {
  // not allowed here: run at the normal priority
}
const runner = new SimilarityRunner({ log });
runner.start();
log("ready");
let signals = 0;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (signals++) process.exit(1);
    void runner.stop().then(() => process.exit(0));
  });
}
