/** The figures scores are made of. Every function ignores nothing: NaN in, NaN out. */

export function mse(pred: ArrayLike<number>, actual: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (pred[i] - actual[i]) ** 2;
  return s / actual.length;
}

export function mae(pred: ArrayLike<number>, actual: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(pred[i] - actual[i]);
  return s / actual.length;
}

export function std(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - mean) ** 2;
  return Math.sqrt(s / values.length);
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Binary confusion counts, a probability >= 0.5 meaning the positive class. */
export function confusion(probabilities: ArrayLike<number>, labels: ArrayLike<number>): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i] >= 0.5 ? 1 : 0;
    if (p === 1 && labels[i] === 1) c.tp++;
    else if (p === 1) c.fp++;
    else if (labels[i] === 0) c.tn++;
    else c.fn++;
  }
  return c;
}

export function accuracy(c: Confusion): number {
  const total = c.tp + c.fp + c.tn + c.fn;
  return total === 0 ? NaN : (c.tp + c.tn) / total;
}

export function countNonFinite(values: ArrayLike<number | null>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] == null || !Number.isFinite(values[i] as number)) n++;
  return n;
}

/** Rounds for display in feedback, keeping small errors readable; pt-BR gets a decimal comma. */
export function fmt(value: number, locale: "pt-BR" | "en" = "en"): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const text = abs !== 0 && abs < 0.001 ? value.toExponential(2) : value.toFixed(4);
  return locale === "pt-BR" ? text.replace(".", ",") : text;
}
