/** Hints beyond the score: what went wrong in training, read off the curves and predictions. */
import { text } from "../i18n/messages";
import type { Diagnostic, EpochPoint } from "../result";
import { fmt, std } from "./metrics";

const CONSTANT_STD = 1e-3;

export function trainingDiagnostics(model: string, curve: EpochPoint[], predictions: ArrayLike<number> | null): Diagnostic[] {
  const out: Diagnostic[] = [];
  const nanAt = curve.find((p) => p.loss == null || !Number.isFinite(p.loss));
  if (nanAt) out.push({ model, severity: "warning", text: text("diag.nanLoss", { epoch: nanAt.epoch + 1 }) });
  const losses = curve.map((p) => p.loss).filter((l): l is number => l != null && Number.isFinite(l));
  if (!nanAt && losses.length >= 3 && losses[losses.length - 1] > losses[0] * 1.5) {
    out.push({ model, severity: "warning", text: text("diag.diverging", { from: fmt(losses[0]), to: fmt(losses[losses.length - 1]) }) });
  }
  // Overfitting: over the last three epochs validation loss rises while training loss falls,
  // and ends well above it.
  const tail = curve.slice(-3);
  if (tail.length === 3 && tail.every((p) => p.loss != null && p.valLoss != null)) {
    const [a, , c] = tail as { loss: number; valLoss: number }[];
    if (c.valLoss > a.valLoss && c.loss < a.loss && c.valLoss > c.loss * 1.2) {
      out.push({ model, severity: "info", text: text("diag.overfitting", { val: fmt(c.valLoss), train: fmt(c.loss) }) });
    }
  }
  if (predictions && predictions.length > 1) {
    const s = std(predictions);
    if (Number.isFinite(s) && s < CONSTANT_STD) out.push({ model, severity: "warning", text: text("diag.constant", { std: fmt(s) }) });
  }
  return out;
}
