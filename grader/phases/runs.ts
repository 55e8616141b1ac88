/**
 * A grade is the median of N training runs, each from its own seed, so that no single seed
 * decides it. The seeds follow from the grading seed (seed, seed+1, ...): the same
 * submission gets the same N runs, and the same grade, on a rerun. The runs share the
 * describe phase and the data; each trains in a sandbox of its own, as many at once as
 * there are free cores (`RunSlots`).
 */
import * as os from "node:os";

/** No grading trains a model more often than this, whatever the instructor asks. */
export const MAX_RUNS = 15;

export function runCount(specRuns: number, instructorRuns: number | undefined): number {
  return Math.min(MAX_RUNS, Math.max(1, specRuns, instructorRuns ?? 0));
}

export function runSeeds(seed: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => seed + i);
}

/** Cores a job may borrow for its extra runs: the worker's idle ones, or the machine's. */
export interface RunSlots {
  tryAcquire(): boolean;
  release(): void;
}

export function localSlots(extra = Math.max(0, os.availableParallelism() - 1)): RunSlots {
  let free = extra;
  return {
    tryAcquire: () => (free > 0 ? (free--, true) : false),
    release: () => void free++,
  };
}

/** Runs `run(0..n-1)` on `lanes` lanes at once, each taking the next run as it finishes one. */
export async function runAll<T>(n: number, lanes: number, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      results[i] = await run(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, n)) }, lane));
  return results;
}

/**
 * The median run: ordered by score, then by the task's rank of its metrics (a run without a
 * rank comes first), then by seed; the middle one with N odd, the upper middle with N even
 * (the student gets the benefit of the doubt).
 */
export function medianIndex(runs: { score: number; rank: number | null }[]): number {
  const rank = (r: number | null) => (r === null || !Number.isFinite(r) ? -Infinity : r);
  const order = runs.map((r, i) => ({ ...r, i })).sort((a, b) => a.score - b.score || compare(rank(a.rank), rank(b.rank)) || a.i - b.i);
  return order[Math.floor(order.length / 2)].i;
}

function compare(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** Min, median and max of the finite values, or null when there are none. */
export function spreadOf(values: (number | null | undefined)[]): Spread | null {
  const v = values.filter((x): x is number => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { min: v[0], median, max: v[v.length - 1] };
}
