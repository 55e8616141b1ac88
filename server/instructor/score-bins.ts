/**
 * Students' best scores as a share of the maximum, in eleven bars: 0–9 %, 10–19 %, …,
 * 90–99 % and 100 % on its own, so full marks are never mixed with 90 %.
 */
export interface ScoreBin {
  /** Lowest whole percent in the bar (100 for the full-marks bar). */
  from: number;
  /** Highest whole percent in the bar. */
  to: number;
  count: number;
}

/** The bar a share (0..1) falls in. Rounded to a tenth of a percent first: 0.57 is 57 %, not 56.999… %. */
export function binIndex(share: number): number {
  const percent = Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
  return percent >= 100 ? 10 : Math.floor(percent / 10);
}

export function scoreBins(shares: number[]): ScoreBin[] {
  const bins: ScoreBin[] = Array.from({ length: 11 }, (_, i) => ({ from: i * 10, to: i === 10 ? 100 : i * 10 + 9, count: 0 }));
  for (const share of shares) bins[binIndex(share)].count++;
  return bins;
}

/** "0–9%", …, "90–99%", "100%". */
export function binLabel(bin: Pick<ScoreBin, "from" | "to">): string {
  return bin.from === bin.to ? `${bin.from}%` : `${bin.from}–${bin.to}%`;
}
