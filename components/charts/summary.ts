/**
 * The charts' text summaries, for readers who cannot see them (and for anyone who wants the
 * numbers): what each line ends at, how far predictions fall from the real values, how the
 * two classes sit against the decision threshold. Every text comes from the dictionary.
 */
import type { Dictionary, Locale } from "@/i18n/dictionary";
import type { EpochLine } from "./epoch-data";
import { formatPercent, formatPercentPrecise, formatTick, formatValue } from "./format";
import type { ThresholdShares } from "./histogram";

type Texts = Dictionary["charts"];

/** "perda de treino (MSE) final 0,0123 após 20 épocas; ...; eixo vertical em escala logarítmica." */
export function epochSummary(lines: readonly EpochLine[], log: boolean, t: Texts, locale: Locale, unit?: string): string {
  // Accuracies read as percentages ("70,7%"), losses as numbers.
  const value = (l: EpochLine) => (l.final != null && (l.series === "acc" || l.series === "valAcc") ? formatPercentPrecise(locale, l.final) : formatValue(locale, l.final));
  const parts = lines.map((l) => t.summaryFinal({ series: unit ? `${l.name} (${unit})` : l.name, value: value(l), epochs: l.epochs }));
  if (log) parts.push(t.summaryLog);
  return sentence(parts);
}

export interface PredictionPoint {
  x: number;
  actual: number;
  predicted: number | null;
}

function meanAbsoluteError(points: readonly PredictionPoint[]): number | null {
  const valid = points.filter((p) => p.predicted != null && Number.isFinite(p.predicted));
  if (valid.length === 0) return null;
  return valid.reduce((s, p) => s + Math.abs((p.predicted as number) - p.actual), 0) / valid.length;
}

/**
 * Per model, the mean absolute error on the (public) chart series; split at the end of the
 * training range when there is one (next-number's values past j = 99).
 */
export function predictionSummary(samples: Record<string, readonly PredictionPoint[]>, names: Record<string, string>, t: Texts, locale: Locale, trainingRangeEnd?: number): string {
  const parts = Object.entries(samples).map(([m, points]) => {
    const name = names[m] ?? m;
    const all = meanAbsoluteError(points);
    if (all == null) return t.summaryNoPrediction({ series: name });
    let text = t.summaryError({ series: name, value: formatValue(locale, all), points: points.length });
    if (trainingRangeEnd != null) {
      const inside = meanAbsoluteError(points.filter((p) => p.x <= trainingRangeEnd));
      const outside = meanAbsoluteError(points.filter((p) => p.x > trainingRangeEnd));
      if (inside != null && outside != null) text += ` (${t.summaryRange({ inside: formatValue(locale, inside), outside: formatValue(locale, outside) })})`;
    }
    return text;
  });
  return sentence(parts);
}

/** "92% das resenhas positivas com probabilidade de pelo menos 0,5; 85% das negativas abaixo de 0,5 (200 resenhas)." */
export function probabilitySummary(shares: ThresholdShares, threshold: number, t: Texts, locale: Locale): string {
  const share = (part: number, whole: number) => (whole > 0 ? formatPercent(locale, part / whole) : "—");
  return sentence([t.summaryShares({
    positives: share(shares.positivesAbove, shares.positives),
    negatives: share(shares.negativesBelow, shares.negatives),
    threshold: formatTick(locale, threshold),
    n: shares.positives + shares.negatives,
  })]);
}

/** Parts joined by semicolons, capitalised, with a full stop. */
function sentence(parts: readonly string[]): string {
  const text = parts.join("; ");
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : "";
}
