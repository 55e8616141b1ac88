/**
 * The sine-forecast series: sin(t) sampled every 0.1 rad, plus Gaussian noise. Training
 * uses a public seed, as in the lesson; the test series starts at a phase and carries
 * noise drawn from the installation's secret, so no one can precompute its targets.
 */
import { makeRng } from "./random";

export const SINE_STEP = 0.1;
export const SINE_NOISE = 0.1;
export const TRAIN_SEED = "sine-forecast/train/v1";
export const TRAIN_LENGTH = 1000;
export const TEST_LENGTH = 400;

export function noisySine(length: number, seed: string, phase = 0): number[] {
  const rng = makeRng(seed);
  return Array.from({ length }, (_, i) => Math.sin(phase + i * SINE_STEP) + SINE_NOISE * rng.normal());
}

export function trainSeries(): number[] {
  return noisySine(TRAIN_LENGTH, TRAIN_SEED);
}

export function testSeries(secret: string): number[] {
  const phase = makeRng(`${secret}/sine-forecast/phase`).uniform() * 2 * Math.PI;
  return noisySine(TEST_LENGTH, `${secret}/sine-forecast/test`, phase);
}

/** The reference windowing the student's `makeWindows` is compared against. */
export function makeWindowsReference(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i + windowSize < series.length; i++) {
    inputs.push(series.slice(i, i + windowSize));
    targets.push(series[i + windowSize]);
  }
  return { inputs, targets };
}
