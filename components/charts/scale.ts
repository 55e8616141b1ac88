/**
 * Axis scales for the result charts: round tick values for linear axes, and the choice of a
 * log scale (with its powers-of-ten ticks) when a curve falls over more than a decade.
 */

/** How many decimals a tick step needs, so 0.1 + 0.2 prints as 0.3 and not 0.30000000000000004. */
function decimalsOf(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** The step among 1, 2, 2.5, 5 × 10^k closest above span / target. */
export function niceStep(span: number, target = 5): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= raw - 1e-12)! * power;
  return Number(step.toPrecision(6));
}

/**
 * Round ticks covering [min, max]: the first at or below min, the last at or above max, about
 * `target` intervals between them. A flat series gets a band around its value.
 */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) / 10;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, target);
  const decimals = decimalsOf(step) + 1; // 2.5 × 10^k needs one more decimal than 10^k
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toFixed(decimals)));
}

/** The finite, strictly positive values: the only ones a log axis can place. */
export function positiveValues(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === "number" && Number.isFinite(v) && v > 0);
}

/**
 * A log scale when the values span more than a decade (max / min > 10), so the late epochs'
 * small losses are not flattened against the axis. Not when any value is zero or negative:
 * a log axis has no place for them.
 */
export function shouldUseLogScale(values: readonly (number | null | undefined)[]): boolean {
  const finite = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (finite.length < 2 || finite.some((v) => v <= 0)) return false;
  return Math.max(...finite) / Math.min(...finite) > 10;
}

/**
 * Ticks for a log axis over [min, max] (both > 0): the powers of ten around them, with 2 and 5
 * times each power added when the range spans at most two decades (else too few ticks).
 */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(min) + 1e-9);
  const hi = Math.ceil(Math.log10(max) - 1e-9);
  const multiples = hi - lo <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let k = lo; k <= hi; k++) {
    for (const m of multiples) {
      const v = Number((m * 10 ** k).toPrecision(6));
      if (k === hi && m > 1) continue;
      ticks.push(v);
    }
  }
  // Keep one tick beyond each end of the data at most, so the axis is not padded with empty decades.
  const below = ticks.filter((t) => t <= min * (1 + 1e-9));
  const above = ticks.filter((t) => t >= max * (1 - 1e-9));
  const start = below.length > 0 ? ticks.indexOf(below[below.length - 1]) : 0;
  const end = above.length > 0 ? ticks.indexOf(above[0]) : ticks.length - 1;
  return ticks.slice(start, end + 1);
}

/**
 * Ticks for the epoch axis: every epoch up to ten, then round numbers from 0 (0, 50, 100...),
 * never a fractional epoch.
 */
export function epochTicks(maxEpoch: number): number[] {
  if (maxEpoch <= 10) return Array.from({ length: Math.max(1, maxEpoch) }, (_, i) => i + 1);
  return niceTicks(0, maxEpoch, 5).filter((v) => Number.isInteger(v));
}
