/**
 * A model's contract, judged in two steps by the parent on trusted facts only:
 *  - before training, on the validated topology and the model the train sandbox rebuilt:
 *    the required recurrent layer is there and on the path to the output, and the
 *    parameters (counted on the rebuilt model) are within the budget;
 *  - after training, by ablation: with the required layer's outputs swapped between examples,
 *    the model's error must rise by at least ABLATION_MIN_ERROR_RISE of the targets' variance
 *    (a layer behind a frozen zero, in a branch nobody reads, or in a branch that adds noise
 *    of its own carries nothing the predictions use); fed its input backwards, the layer's own
 *    output must move (ORDER_MIN_OUTPUT_CHANGE: it reads a real sequence, not one step); and
 *    the predictions must not depend on the rest of the batch (BATCH_GAP_TOLERANCE).
 * A model that fails its contract is not trained further, earns no metric or baseline
 * points, and the submission does not pass.
 */
import { text } from "../i18n/messages";
import type { LocalizedText } from "../result";
import type { RebuiltModelReport } from "../sandbox/protocol";
import { modelHoldsOnPath } from "./path";

/** What a task asks of a model: a recurrent class, and a parameter budget. */
export interface ModelContract {
  layer: "LSTM" | "SimpleRNN" | "GRU";
  maxParams: number;
}

export interface ContractVerdict {
  ok: boolean;
  feedback: LocalizedText;
}

/**
 * Swapping the required layer's outputs between examples must raise the model's error (mean
 * squared error against the targets: the Brier score for probabilities) by at least 10% of
 * the targets' variance. Measured against the task's scale, not the model's own error: a
 * linear skip that solves next-number alone leaves an error near zero, and a recurrent branch
 * adding a trace on top would multiply that error many times while doing nothing that matters.
 * For predictions that depend on the layer, the rise is about twice their covariance with the
 * targets: a model that learned anything through the layer clears 10% easily (an LSTM doing the
 * work raises it by 100-250%).
 */
export const ABLATION_MIN_ERROR_RISE = 0.1;

const holdsClass = (classes: string[], layer: string) => classes.some((c) => c === layer || c === `${layer}Cell`);

export function verdictBeforeTraining(contract: ModelContract, topology: unknown, report: RebuiltModelReport): ContractVerdict {
  const layers = report.layers.join(", ");
  if (!holdsClass(report.layers, contract.layer)) {
    return { ok: false, feedback: text("check.contract.missingLayer", { layer: contract.layer, layers }) };
  }
  if (!modelHoldsOnPath(topology, contract.layer) || report.ablationUnits.length === 0) {
    return { ok: false, feedback: text("check.contract.notOnPath", { layer: contract.layer }) };
  }
  if (report.params > contract.maxParams) {
    return { ok: false, feedback: text("check.contract.tooManyParams", { params: report.params, max: contract.maxParams }) };
  }
  return { ok: true, feedback: text("check.contract.ok", { layers, params: report.params }) };
}

/** Mean squared error of predictions against their targets; a non-number counts as infinitely wrong. */
export function errorOn(predictions: ArrayLike<number | null>, targets: ArrayLike<number>): number {
  const n = predictions.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = predictions[i];
    sum += p == null || !Number.isFinite(p) ? Infinity : (p - targets[i]) ** 2;
  }
  return sum / n;
}

/**
 * How much the error rose under an ablation, as a share of the targets' variance. An ablated
 * error that is not a number is no evidence: a model could be built to blow up only then.
 */
export function errorRise(trained: number, ablated: number, targetVariance: number): number {
  if (!Number.isFinite(ablated) || !(ablated > trained)) return 0;
  return targetVariance > 0 ? (ablated - trained) / targetVariance : Infinity;
}

export function variance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (values[i] - mean) ** 2;
  return sum / n;
}

/**
 * The largest gap between the scored predictions (made in the grader's usual batches) and the
 * reference pass of the same rows in one batch; Infinity where one is not a number. A model's
 * prediction for one example must not depend on which others share its batch (a softmax or a
 * normalisation over the batch axis could otherwise tell the ablation's batch from the scored
 * ones and behave differently in each).
 */
export function batchGap(scored: ArrayLike<number>, reference: ArrayLike<number | null>): number {
  let gap = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i];
    const p = scored[i];
    if (r == null || !Number.isFinite(r) || !Number.isFinite(p)) return r === p || (Number.isNaN(p) && r == null) ? gap : Infinity;
    gap = Math.max(gap, Math.abs(r - p) / (1 + Math.abs(p)));
  }
  return gap;
}

/** Batch sizes change float summation order only: beyond this, the model mixes examples. */
export const BATCH_GAP_TOLERANCE = 1e-3;
/**
 * Reading its input backwards must move the layer's own output by at least 0.1% of its
 * spread. A layer fed one step, or one step repeated, moves by exactly nothing; a recurrent
 * layer that reads a real sequence moves much more: the references' layers move by 1.8%
 * (next-number's LSTM: its ramps barely depend on order) to 134% (sine-forecast's LSTM).
 */
export const ORDER_MIN_OUTPUT_CHANGE = 0.001;

export interface AblationResult {
  layer: string;
  /** The model's error on the ablation rows, unchanged and with the layer's outputs swapped. */
  error: number;
  ablatedError: number;
  rise: number;
  /** How far the layer's output moved when it read its input backwards (share of its spread). */
  orderChange: number;
}

const fmt = (x: number) => (Number.isFinite(x) ? (Math.abs(x) < 0.001 && x !== 0 ? x.toExponential(2) : x.toFixed(4)) : "∞");
const pct = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 10 : "∞");

/**
 * After training: the predictions must not depend on the batch, and at least one required
 * layer must carry what the predictions use (swap) and read a real sequence (order).
 */
export function verdictAfterAblation(
  contract: ModelContract,
  report: Pick<RebuiltModelReport, "layers" | "params">,
  predictions: { scored: ArrayLike<number>; reference: (number | null)[] },
  targets: ArrayLike<number>,
  ablations: { layer: string; values: (number | null)[] }[],
  order: { layer: string; change: number }[],
): { verdict: ContractVerdict; results: AblationResult[] } {
  const gap = batchGap(predictions.scored, predictions.reference);
  const rows = predictions.reference.length;
  const rowTargets = Array.prototype.slice.call(targets, 0, rows) as number[];
  const error = errorOn(predictions.reference, rowTargets);
  const v = variance(rowTargets);
  const results: AblationResult[] = ablations.map((a) => {
    const ablatedError = errorOn(a.values, rowTargets);
    const orderChange = order.find((o) => o.layer === a.layer)?.change ?? 0;
    return { layer: a.layer, error, ablatedError, rise: errorRise(error, ablatedError, v), orderChange: Number.isFinite(orderChange) ? orderChange : 0 };
  });
  if (!(gap <= BATCH_GAP_TOLERANCE)) {
    return { results, verdict: { ok: false, feedback: text("check.contract.batch", { gap: fmt(gap) }) } };
  }
  const best = (among: AblationResult[], key: "rise" | "orderChange") => among.reduce<AblationResult | null>((b, r) => (b == null || r[key] > b[key] ? r : b), null);
  const base = (r: AblationResult | null, min: number) => ({ layer: contract.layer, name: r?.layer ?? "-", error: fmt(error), ablated: r ? fmt(r.ablatedError) : "-", rise: r ? pct(r.rise) : 0, min: min * 100 });
  const carrying = results.filter((r) => r.rise >= ABLATION_MIN_ERROR_RISE);
  const doing = carrying.filter((r) => r.orderChange >= ORDER_MIN_OUTPUT_CHANGE);
  if (doing.length > 0) {
    const r = best(doing, "rise");
    return { results, verdict: { ok: true, feedback: text("check.contract.okAblation", { ...base(r, ABLATION_MIN_ERROR_RISE), layers: report.layers.join(", "), params: report.params }) } };
  }
  if (carrying.length > 0) {
    const r = best(carrying, "orderChange")!;
    return { results, verdict: { ok: false, feedback: text("check.contract.order", { layer: contract.layer, name: r.layer, change: pct(r.orderChange), min: ORDER_MIN_OUTPUT_CHANGE * 100 }) } };
  }
  return { results, verdict: { ok: false, feedback: text("check.contract.dead", base(best(results, "rise"), ABLATION_MIN_ERROR_RISE)) } };
}
