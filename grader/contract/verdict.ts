/**
 * A model's contract, judged in two steps by the parent on trusted facts only:
 *  - before training, on the validated topology and the model the train sandbox rebuilt:
 *    the required recurrent layer is there and on the path to the output, and the
 *    parameters (counted on the rebuilt model) are within the budget;
 *  - after training, by ablation: with the required layer's outputs swapped between examples,
 *    the model's error must rise by at least ABLATION_MIN_ERROR_RISE. A layer behind a frozen
 *    zero, in a branch nobody reads, or in a branch that adds noise of its own, carries nothing
 *    the predictions use, and the error stays where it was.
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

/** Mean squared error of the first predictions against their targets; a non-number counts as infinitely wrong. */
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

/** How much the error rose when the layer's outputs were swapped, as a share of the targets' variance. */
export function errorRise(trained: number, ablated: number, targetVariance: number): number {
  if (!(ablated > trained)) return 0;
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

export interface AblationResult {
  layer: string;
  /** The model's error on the ablation rows, as trained and with the layer's outputs swapped. */
  error: number;
  ablatedError: number;
  rise: number;
}

/** After training: at least one required layer must carry what the predictions use. */
export function verdictAfterAblation(
  contract: ModelContract,
  report: Pick<RebuiltModelReport, "layers" | "params">,
  predictions: ArrayLike<number>,
  targets: ArrayLike<number>,
  ablations: { layer: string; values: (number | null)[] }[],
): { verdict: ContractVerdict; results: AblationResult[] } {
  const results = ablations.map((a) => {
    const rows = a.values.length;
    const error = errorOn(Array.prototype.slice.call(predictions, 0, rows) as number[], targets);
    const ablatedError = errorOn(a.values, targets);
    return { layer: a.layer, error, ablatedError, rise: errorRise(error, ablatedError, variance(Array.prototype.slice.call(targets, 0, rows) as number[])) };
  });
  const best = results.reduce<AblationResult | null>((b, r) => (b == null || r.rise > b.rise ? r : b), null);
  const fmt = (x: number) => (Number.isFinite(x) ? (Math.abs(x) < 0.001 && x !== 0 ? x.toExponential(2) : x.toFixed(4)) : "∞");
  const pct = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 10 : "∞");
  const params = best
    ? { layer: contract.layer, name: best.layer, error: fmt(best.error), ablated: fmt(best.ablatedError), rise: pct(best.rise), min: ABLATION_MIN_ERROR_RISE * 100 }
    : { layer: contract.layer, name: "-", error: "-", ablated: "-", rise: 0, min: ABLATION_MIN_ERROR_RISE * 100 };
  if (!best || !(best.rise >= ABLATION_MIN_ERROR_RISE)) {
    return { results, verdict: { ok: false, feedback: text("check.contract.dead", params) } };
  }
  return { results, verdict: { ok: true, feedback: text("check.contract.okAblation", { ...params, layers: report.layers.join(", "), params: report.params }) } };
}
