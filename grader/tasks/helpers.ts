/** Small pieces every task spec uses. */
import type { TensorData } from "../sandbox/protocol";
import type { Profile } from "./types";

export interface PhaseLimits {
  start: number;
  boot: number;
  load: number;
  probe: number;
  build: number;
  train: number;
  predict: number;
}

/** Maps a sandbox phase (`train:lstm`) to its limit, per profile, in ms; `rebuild` has `build`'s, `prepare` `probe`'s. */
export function phaseTimeouts(limits: Record<Profile, PhaseLimits>): (phase: string, profile: Profile) => number {
  return (phase, profile) => {
    const head = phase.split(":")[0];
    const key = (head === "rebuild" ? "build" : head === "prepare" ? "probe" : head) as keyof PhaseLimits;
    return limits[profile][key] ?? limits[profile].load;
  };
}

/** The same settings for the full and the quick profile (tasks whose data is small anyway). */
export function bothProfiles<T>(value: T): Record<Profile, T> {
  return { full: value, quick: value };
}

export function float32(shape: number[], values: ArrayLike<number>): TensorData {
  return { dtype: "float32", shape, data: Float32Array.from(values) };
}

/** Windows as one flat [n, windowSize, 1] tensor and their targets as [n, 1]. */
export function windowTensors(inputs: number[][], targets: number[], windowSize: number): { x: TensorData; y: TensorData } {
  const flat = new Float32Array(inputs.length * windowSize);
  inputs.forEach((row, i) => flat.set(row, i * windowSize));
  return { x: { dtype: "float32", shape: [inputs.length, windowSize, 1], data: flat }, y: float32([targets.length, 1], targets) };
}

/**
 * Splits the leaderboard's rows (indices from..from+n-1 of the test predictions) into its
 * public and private halves, by the secret. The leaderboard rows are hidden examples of their
 * own, apart from the graded ones: a student sees metrics on the graded rows and the public
 * score, and neither says anything about the private half.
 */
export function leaderboardSplit(n: number, shuffle: <T>(items: T[]) => T[], from = 0): { public: number[]; private: number[] } {
  const order = shuffle(Array.from({ length: n }, (_, i) => from + i));
  const half = Math.ceil(n / 2);
  return { public: order.slice(0, half).sort((a, b) => a - b), private: order.slice(half).sort((a, b) => a - b) };
}

export function pick<T>(values: ArrayLike<T>, indices: number[]): T[] {
  return indices.map((i) => values[i]);
}

/** Deep equality of numeric arrays (nested), within a tolerance for floats. */
export function sameNumbers(a: unknown, b: unknown, tol = 1e-9): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameNumbers(v, b[i], tol));
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= tol;
  return false;
}
