/**
 * The sine-forecast series: sin(t) sampled every 0.1 rad, plus Gaussian noise. Training
 * uses a public seed, as in the lesson. The hidden test set is made of independent
 * segments, each at its own phase with its own noise drawn from the installation's secret:
 * no test window contains another one's target, so nothing about one sample reveals
 * another's answer. The chart uses a separate public series, never scored.
 */
import { makeRng } from "./random";

export const SINE_STEP = 0.1;
export const SINE_NOISE = 0.1;
export const TRAIN_SEED = "sine-forecast/train/v1";
export const TRAIN_LENGTH = 1000;
export const TEST_WINDOWS = 400;
export const CHART_LENGTH = 220;
export const CHART_SEED = "sine-forecast/chart/v1";

export function noisySine(length: number, seed: string, phase = 0): number[] {
  const rng = makeRng(seed);
  return Array.from({ length }, (_, i) => Math.sin(phase + i * SINE_STEP) + SINE_NOISE * rng.normal());
}

export function trainSeries(): number[] {
  return noisySine(TRAIN_LENGTH, TRAIN_SEED);
}

/** Hidden test windows: each an independent segment of windowSize + 1 values. */
export function testWindows(secret: string, windowSize: number, count = TEST_WINDOWS): { inputs: number[][]; targets: number[] } {
  const phases = makeRng(`${secret}/sine-forecast/phases`);
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (let k = 0; k < count; k++) {
    const segment = noisySine(windowSize + 1, `${secret}/sine-forecast/test/${k}`, phases.uniform() * 2 * Math.PI);
    inputs.push(segment.slice(0, windowSize));
    targets.push(segment[windowSize]);
  }
  return { inputs, targets };
}

/** The public series the chart of predictions against real values is drawn on. */
export function chartSeries(): number[] {
  return noisySine(CHART_LENGTH, CHART_SEED, 1.0);
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
