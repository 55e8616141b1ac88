/**
 * The per-epoch charts' data: one row per epoch, one line per model and series, each line
 * named in the reader's language ("perda de treino", or "LSTM — treino" when models share a
 * chart), coloured and dashed apart, and the y scale the values call for.
 */
import type { Dictionary } from "@/i18n/dictionary";
import { DASHES, MODEL_COLORS } from "./palette";
import { epochTicks, logTicks, niceTicks, positiveValues, shouldUseLogScale } from "./scale";

export type EpochSeries = "loss" | "valLoss" | "acc" | "valAcc";

export interface EpochPoint {
  epoch: number;
  loss: number | null;
  valLoss?: number | null;
  acc?: number | null;
  valAcc?: number | null;
}

export interface EpochLine {
  key: string;
  model: string;
  series: EpochSeries;
  name: string;
  color: string;
  dash: string | undefined;
  /** The last finite value and how many epochs reached it, for the summary. */
  final: number | null;
  epochs: number;
}

export interface EpochChartData {
  rows: Record<string, number | null>[];
  lines: EpochLine[];
  log: boolean;
  /** The y axis's ticks (powers of ten on a log scale), and the epoch axis's. */
  ticks: number[];
  epochTicks: number[];
}

type Texts = Dictionary["charts"];

const KNOWN_MODELS: Record<string, string> = { rnn: "SimpleRNN", lstm: "LSTM", gru: "GRU" };

/**
 * A model id as a reader knows it: "lstm" is "LSTM", the single model of a task is "modelo";
 * a seed's suffix ("model · 2/5", from the live progress) is kept.
 */
export function modelDisplayName(id: string, t: Texts): string {
  const [base, ...rest] = id.split(" · ");
  const name = base === "model" ? t.model : (KNOWN_MODELS[base] ?? base);
  return [name, ...rest].join(" · ");
}

const isValidation = (s: EpochSeries) => s === "valLoss" || s === "valAcc";

function seriesName(s: EpochSeries, t: Texts): string {
  return { loss: t.trainLoss, valLoss: t.valLoss, acc: t.trainAcc, valAcc: t.valAcc }[s];
}

/**
 * Rows and lines for `series` over `curves`. `names` overrides a model's display name (the
 * instructor's "referência"). With one unnamed model the lines are named by series alone.
 */
export function epochChartData(curves: Record<string, EpochPoint[]>, series: EpochSeries[], t: Texts, names: Record<string, string> = {}): EpochChartData {
  const models = Object.keys(curves);
  const maxEpochs = Math.max(0, ...models.map((m) => curves[m].length));
  const value = (v: number | null | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const all = models.flatMap((m) => series.flatMap((s) => curves[m].map((p) => value(p[s]))));
  // Only losses fall over decades; accuracies stay on their linear 0–1 axis.
  const log = series.every((s) => s === "loss" || s === "valLoss") && shouldUseLogScale(all);
  const rows = Array.from({ length: maxEpochs }, (_, i) => {
    const row: Record<string, number | null> = { epoch: i + 1 };
    for (const m of models) {
      for (const s of series) {
        const v = value(curves[m][i]?.[s]);
        row[`${m}.${s}`] = log && v != null && v <= 0 ? null : v;
      }
    }
    return row;
  });
  const lines: EpochLine[] = [];
  models.forEach((m, mi) => {
    const colors = MODEL_COLORS[mi % MODEL_COLORS.length];
    for (const s of series) {
      const key = `${m}.${s}`;
      const points = rows.filter((r) => r[key] != null);
      if (points.length === 0) continue; // no validation split: no validation line
      // Named by model when models share the chart, or when the caller names them (a lone reference curve).
      const name = models.length > 1 || names[m] != null
        ? t.modelSeries({ model: names[m] ?? modelDisplayName(m, t), series: isValidation(s) ? t.validation : t.train })
        : seriesName(s, t);
      lines.push({
        key,
        model: m,
        series: s,
        name,
        color: isValidation(s) ? colors.validation : colors.train,
        dash: isValidation(s) ? DASHES[1] : DASHES[(mi % 2) * 3],
        final: points[points.length - 1][key],
        epochs: points[points.length - 1].epoch as number,
      });
    }
  });
  const present = all.filter((v): v is number => v != null);
  let ticks: number[];
  if (log) {
    const pos = positiveValues(present);
    ticks = logTicks(Math.min(...pos), Math.max(...pos));
  } else if (series.some((s) => s === "acc" || s === "valAcc")) {
    ticks = niceTicks(Math.min(0, ...present), Math.max(1, ...present));
  } else {
    ticks = present.length > 0 ? niceTicks(Math.min(0, ...present), Math.max(...present)) : [0, 1];
  }
  return { rows, lines, log, ticks, epochTicks: epochTicks(maxEpochs) };
}
