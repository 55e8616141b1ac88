/**
 * A task's calibration: its reference solution and the team's valid variants, each graded
 * over N seeds by `npm run calibrate`, stored as `exercises/<task>/calibration.json`. The
 * statements quote it and tests/grader/calibration.test.ts holds the thresholds to it.
 * Pure data and arithmetic (the web app renders statements with it); the file is read and
 * written by calibration-file.ts.
 */

export interface CalibrationEntry {
  /** `reference`, or the variant's file name. */
  name: string;
  file: string;
  /** What makes it unlike the reference (its `// variant:` line). */
  style: string;
  scores: number[];
  failures: (string | null)[];
  medianScore: number;
  /** Per metric: every run's value (null where not finite) and their min, median and max. */
  metrics: Record<string, { values: (number | null)[]; min: number; median: number; max: number }>;
}

export interface Calibration {
  task: string;
  profile: "full" | "quick";
  generatedAt: string;
  secret: string;
  seeds: number[];
  environment: {
    backend: string | null;
    tfjsVersion: string | null;
    recurrentKernels: string | null;
    graderVersion: string;
    nodeVersion: string;
    dataHash: string | null;
    budget: { epochs: number; batchSize: number } | null;
  };
  entries: CalibrationEntry[];
}

/** The worst median of a metric over every calibrated file (highest when lower is better). */
export function worstMedian(c: Calibration, metric: string, lowerIsBetter: boolean): { value: number; entry: string } | null {
  let worst: { value: number; entry: string } | null = null;
  for (const e of c.entries) {
    const m = e.metrics[metric];
    if (!m || !Number.isFinite(m.median)) continue;
    if (!worst || (lowerIsBetter ? m.median > worst.value : m.median < worst.value)) worst = { value: m.median, entry: e.name };
  }
  return worst;
}

/**
 * How far beyond every calibrated median a full-marks threshold must lie: 10% of the median
 * for an error (lower is better), 0.02 for an accuracy (higher is better).
 */
export const CALIBRATION_MARGIN = { relative: 0.1, absolute: 0.02 } as const;

/** The strictest full-marks threshold the margin allows for a median: a threshold must be at least this lenient. */
export function requiredThreshold(median: number, lowerIsBetter: boolean): number {
  return lowerIsBetter ? median * (1 + CALIBRATION_MARGIN.relative) : median - CALIBRATION_MARGIN.absolute;
}
