/**
 * A worker's cores, shared between its jobs and their extra training runs. Each job holds
 * one core; a job's further runs (seeds) may borrow the cores no job is using, so a quiet
 * worker grades a submission's N runs side by side and a busy one runs them one after the
 * other. Borrowed cores are never taken back mid-run: a job claimed meanwhile shares them.
 */
import type { RunSlots } from "../../grader/phases/runs";

export class WorkerCores {
  private jobs = 0;
  private borrowed = 0;

  constructor(private readonly cores: number) {}

  jobStarted(): void {
    this.jobs++;
  }

  jobEnded(): void {
    this.jobs = Math.max(0, this.jobs - 1);
  }

  get free(): number {
    return Math.max(0, this.cores - this.jobs - this.borrowed);
  }

  /** What a job passes to gradeSubmission as its `runSlots`. */
  readonly slots: RunSlots = {
    tryAcquire: () => {
      if (this.free === 0) return false;
      this.borrowed++;
      return true;
    },
    release: () => {
      this.borrowed = Math.max(0, this.borrowed - 1);
    },
  };
}
