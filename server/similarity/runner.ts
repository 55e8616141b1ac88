/**
 * The similarity runner: takes queued analyses one at a time and computes them. It runs in a
 * process of its own beside the web server (scripts/serve.mjs), at a lower CPU priority, so a
 * large class (300 submissions: about 45,000 pairs) never holds up a web request.
 */
import { randomUUID } from "node:crypto";
import { claimAnalysis, reclaimStaleAnalyses } from "./analysis-jobs";
import { runAnalysis } from "./run-analysis";

export interface RunnerOptions {
  /** How often to look for work when there is none. */
  pollMs?: number;
  log?: (line: string) => void;
}

export class SimilarityRunner {
  readonly id = `similarity-${randomUUID()}`;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly opts: RunnerOptions = {}) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after the analysis under way (if any) is stored. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const log = this.opts.log ?? (() => {});
    while (!this.stopped) {
      try {
        const reclaimed = await reclaimStaleAnalyses();
        if (reclaimed) log(`${reclaimed} analysis(es) of a silent runner back in the queue`);
        const id = await claimAnalysis(this.id);
        if (id) {
          const started = Date.now();
          const status = await runAnalysis(id, this.id, log);
          log(`analysis ${id}: ${status} in ${Date.now() - started} ms`);
          continue;
        }
      } catch (err) {
        log(`error: ${err instanceof Error ? err.message : String(err)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.opts.pollMs ?? 1000);
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
    }
  }
}
