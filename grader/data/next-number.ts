/**
 * The lesson's warm-up: the sequence [j, j+1, ..., j+4] / 100 predicts (j+5) / 100.
 * Training uses j = 0..99 as in the lesson. The hidden test set holds values the student
 * never trained on: fractional j inside the range, and j past 99 (extrapolation).
 */
import { makeRng } from "./random";

export const SEQUENCE_LENGTH = 5;
export const SCALE = 100;

export function sequenceFor(j: number): { input: number[]; target: number } {
  return {
    input: Array.from({ length: SEQUENCE_LENGTH }, (_, k) => (j + k) / SCALE),
    target: (j + SEQUENCE_LENGTH) / SCALE,
  };
}

export function trainStarts(): number[] {
  return Array.from({ length: 100 }, (_, j) => j);
}

export interface HeldOut {
  starts: number[];
  /** true where j is past the training range (j > 99). */
  beyond: boolean[];
}

export function heldOutStarts(secret: string): HeldOut {
  const rng = makeRng(`${secret}/next-number/test`);
  const inside = Array.from({ length: 30 }, () => Math.round((rng.uniform() * 94 + 0.5) * 100) / 100).map((j) => (Number.isInteger(j) ? j + 0.5 : j));
  const beyond = Array.from({ length: 10 }, (_, k) => 100 + k * 2 + Math.round(rng.uniform() * 100) / 100);
  return { starts: [...inside, ...beyond], beyond: [...inside.map(() => false), ...beyond.map(() => true)] };
}

/**
 * The public starts the chart compares both networks on: every 2.5 from 0 to 120, inside the
 * training range and past it. Not scored; anyone may see their targets.
 */
export function chartStarts(): number[] {
  return Array.from({ length: 49 }, (_, k) => k * 2.5);
}
