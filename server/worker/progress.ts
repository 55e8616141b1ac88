/**
 * Live progress of a running job, as the browser shows it: the phase and the curves so far.
 * Written to the submission row at most a few times a second.
 */
import type { EpochPoint, ProgressEvent } from "../../grader/result";

export interface LiveProgress {
  phase: string;
  totalEpochs: number;
  /** Training runs (seeds) of the job: each model trains this many times. */
  runs?: number;
  curves: Record<string, EpochPoint[]>;
}

export function applyProgress(state: LiveProgress, event: ProgressEvent): LiveProgress {
  if (event.type === "phase") return { ...state, phase: event.phase };
  if (event.type === "epoch") {
    // Each training run (seed) draws its own curve: "model", then "model · 2/5", "model · 3/5"...
    const key = event.run ? `${event.model} · ${event.run + 1}/${event.runs}` : event.model;
    const curve = [...(state.curves[key] ?? []), event.point];
    return { ...state, totalEpochs: event.totalEpochs, runs: event.runs ?? 1, curves: { ...state.curves, [key]: curve } };
  }
  return state;
}

/** Calls `write` with the latest state, no more than once per `intervalMs`, never dropping the last. */
export function throttled<T>(intervalMs: number, write: (value: T) => Promise<void>) {
  let pending: T | null = null;
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  let chain = Promise.resolve();
  const flush = () => {
    timer = null;
    if (pending === null) return;
    const value = pending;
    pending = null;
    last = Date.now();
    chain = chain.then(() => write(value)).catch(() => {});
  };
  return {
    push(value: T) {
      pending = value;
      if (timer) return;
      timer = setTimeout(flush, Math.max(0, intervalMs - (Date.now() - last)));
    },
    /** Writes what is pending now and waits for every write to finish. */
    async settle() {
      if (timer) clearTimeout(timer);
      flush();
      await chain;
    },
  };
}
