/**
 * A grading worker: takes queued submissions, grades them through the grader's one entry
 * point, streams progress into the database and stores the result. Runs `concurrency`
 * jobs at a time; on shutdown it hands running jobs back to the queue.
 */
import { randomBytes } from "node:crypto";
import * as os from "node:os";
import { gradeSubmission, GraderError } from "../../grader";
import type { RuleOverrides } from "../../grader/tasks/types";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../grader/paths";
import { db, Prisma } from "../db";
import { storeResult } from "../submissions/store-result";
import type { JobSource } from "../queue/types";
import { localSlots } from "../../grader/phases/runs";
import { applyProgress, throttled, type LiveProgress } from "./progress";
import { WorkerCores } from "./run-slots";

export interface WorkerOptions {
  source: JobSource;
  concurrency?: number;
  profile: "full" | "quick";
  pollMs?: number;
  heartbeatMs?: number;
  /** Grade reference solutions when idle (for the class overview's reference curves). */
  referenceRuns?: boolean;
  log?: (line: string) => void;
}

export class GradingWorker {
  readonly id = `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  private running = new Map<string, AbortController>();
  private stopping = false;
  private loops: Promise<void>[] = [];
  private beat: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  private cores: WorkerCores;

  constructor(private opts: WorkerOptions) {
    this.cores = new WorkerCores(this.concurrency);
  }

  get concurrency(): number {
    return this.opts.concurrency ?? os.availableParallelism();
  }

  start(): void {
    const log = this.opts.log ?? (() => {});
    log(`worker ${this.id}: ${this.concurrency} job(s) at a time, profile ${this.opts.profile}`);
    this.beat = setInterval(() => {
      const jobs = [...this.running.keys()].filter((k) => !k.startsWith("reference:"));
      void this.opts.source.heartbeat(this.id, jobs).catch(() => {});
      void this.opts.source.reclaimStale().then(({ requeued, abandoned }) => {
        if (requeued.length) log(`requeued after a worker died: ${requeued.join(", ")}`);
        if (abandoned.length) log(`gave up on (kept killing workers): ${abandoned.join(", ")}`);
      }).catch(() => {});
    }, this.opts.heartbeatMs ?? 5_000);
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop(i));
  }

  /** Stops taking jobs, hands running ones back, and resolves when every loop has ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    for (const controller of this.running.values()) controller.abort();
    await Promise.all(this.loops);
    if (this.beat) clearInterval(this.beat);
  }

  private async idle(): Promise<void> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, this.opts.pollMs ?? 500);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async loop(index: number): Promise<void> {
    // Reference runs (minutes for IMDb) use one slot only, and never a worker's only slot:
    // students must not wait behind them.
    const mayRunReferences = index === 0 && this.concurrency > 1;
    while (!this.stopping) {
      let id: string | null = null;
      try {
        id = await this.opts.source.claim(this.id);
      } catch (err) {
        this.opts.log?.(`claim failed: ${(err as Error).message}`);
      }
      if (!id) {
        // Nothing waits: a good moment to grade a task's reference solution, once.
        if (!mayRunReferences || !(await this.referenceRun())) await this.idle();
        continue;
      }
      await this.grade(id);
    }
  }

  private referenceTried = new Set<string>();

  /**
   * Grades one task's reference solution when its curves are missing (for the class
   * overview). Each worker tries each task once per run; returns whether it did any work.
   */
  private async referenceRun(): Promise<boolean> {
    if (!this.opts.referenceRuns) return false;
    const task = await db.task.findFirst({ where: { referenceCurves: { equals: Prisma.DbNull }, slug: { notIn: [...this.referenceTried] } } });
    if (!task) return false;
    this.referenceTried.add(task.slug);
    const file = path.join(REPO_ROOT, "exercises", task.slug, "solution.ts");
    if (!fs.existsSync(file)) return false;
    try {
      const controller = new AbortController();
      this.running.set(`reference:${task.slug}`, controller);
      const result = await gradeSubmission({ task: task.slug, code: fs.readFileSync(file, "utf8"), profile: this.opts.profile, signal: controller.signal, runSlots: localSlots(0) }).finally(() =>
        this.running.delete(`reference:${task.slug}`),
      );
      if (!result.failure) {
        await db.task.updateMany({ where: { slug: task.slug }, data: { referenceCurves: result.curves as unknown as Prisma.InputJsonValue } });
      }
    } catch (err) {
      this.opts.log?.(`reference run of ${task.slug} failed: ${(err as Error).message}`);
    }
    return true;
  }

  private async grade(submissionId: string): Promise<void> {
    const log = this.opts.log ?? (() => {});
    const controller = new AbortController();
    this.running.set(submissionId, controller);
    const sub = await db.submission.findUnique({ where: { id: submissionId }, include: { task: true } });
    if (!sub) return void this.running.delete(submissionId);
    let live: LiveProgress = { phase: "queued", totalEpochs: 0, curves: {} };
    this.cores.jobStarted();
    const progress = throttled<LiveProgress>(300, async (value) => {
      await db.submission.updateMany({ where: { id: submissionId, workerId: this.id, status: "running" }, data: { progress: value as unknown as Prisma.InputJsonValue } });
    });
    try {
      const result = await gradeSubmission({
        task: sub.task.slug,
        code: sub.code,
        profile: this.opts.profile,
        overrides: { ...((sub.task.overrides ?? {}) as RuleOverrides), ...(sub.task.maxEpochs ? { maxEpochs: sub.task.maxEpochs } : {}) },
        seed: sub.seed ?? undefined,
        signal: controller.signal,
        runSlots: this.cores.slots,
        onProgress: (e) => {
          live = applyProgress(live, e);
          progress.push(live);
        },
      });
      await progress.settle();
      if (controller.signal.aborted) {
        await this.opts.source.release(this.id, submissionId);
        log(`handed back ${submissionId}`);
      } else {
        const stored = await storeResult(submissionId, this.id, result);
        log(`${stored ? "graded" : "dropped (taken over)"} ${submissionId}: ${result.score}/${result.maxScore}${result.failure ? ` [${result.failure.kind}]` : ""}`);
      }
    } catch (err) {
      await progress.settle();
      const message = err instanceof GraderError ? err.message : `grader crashed: ${(err as Error).stack ?? err}`;
      log(`error on ${submissionId}: ${message}`);
      await db.submission.updateMany({
        where: { id: submissionId, workerId: this.id, status: "running" },
        data: { status: "error", finishedAt: new Date(), progress: { error: message.slice(0, 2000) } },
      });
    } finally {
      this.cores.jobEnded();
      this.running.delete(submissionId);
    }
  }
}
