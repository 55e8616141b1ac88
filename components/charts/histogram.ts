/**
 * The IMDb chart's numbers: the predicted probabilities of a positive review, counted in bins
 * per true class, and how many of each class fall on the right side of the decision threshold.
 */

export interface LabelledProbability {
  /** The review's true label: 1 positive, 0 negative. */
  actual: number;
  /** The model's probability of "positive"; null where it predicted NaN or infinity. */
  predicted: number | null;
}

export interface ProbabilityBin {
  from: number;
  to: number;
  /** Where the bar stands on a numeric 0–1 axis. */
  center: number;
  positive: number;
  negative: number;
}

export const DECISION_THRESHOLD = 0.5;

/**
 * `count` equal bins over [0, 1]; each holds [from, to), the last one also 1. Probabilities are
 * clamped into [0, 1] (a sigmoid's output can round to its ends) and missing ones skipped.
 */
export function probabilityBins(samples: readonly LabelledProbability[], count = 10): ProbabilityBin[] {
  const bins: ProbabilityBin[] = Array.from({ length: count }, (_, i) => ({
    from: round(i / count),
    to: round((i + 1) / count),
    center: round((i + 0.5) / count),
    positive: 0,
    negative: 0,
  }));
  for (const s of samples) {
    if (s.predicted == null || !Number.isFinite(s.predicted)) continue;
    const p = Math.min(1, Math.max(0, s.predicted));
    // The small epsilon puts 0.3 (0.3 × 10 = 2.9999...) in the bin starting at 0.3, as written.
    const i = Math.min(count - 1, Math.floor(p * count + 1e-9));
    if (s.actual === 1) bins[i].positive++;
    else bins[i].negative++;
  }
  return bins;
}

export interface ThresholdShares {
  positives: number;
  /** Positive reviews predicted at or above the threshold (classified right). */
  positivesAbove: number;
  negatives: number;
  /** Negative reviews predicted below the threshold (classified right). */
  negativesBelow: number;
}

/** How each true class sits against the threshold; reviews with no prediction count as wrong. */
export function thresholdShares(samples: readonly LabelledProbability[], threshold = DECISION_THRESHOLD): ThresholdShares {
  const shares: ThresholdShares = { positives: 0, positivesAbove: 0, negatives: 0, negativesBelow: 0 };
  for (const s of samples) {
    const p = s.predicted != null && Number.isFinite(s.predicted) ? s.predicted : null;
    if (s.actual === 1) {
      shares.positives++;
      if (p != null && p >= threshold) shares.positivesAbove++;
    } else {
      shares.negatives++;
      if (p != null && p < threshold) shares.negativesBelow++;
    }
  }
  return shares;
}

function round(v: number): number {
  return Number(v.toFixed(6));
}
