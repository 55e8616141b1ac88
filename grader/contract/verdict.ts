/**
 * A model's contract, judged in two steps by the parent on trusted facts only:
 *  - before training, on the validated topology and the model the train sandbox rebuilt:
 *    the required recurrent layer is there and on the path to the output, and the
 *    parameters (counted on the rebuilt model) are within the budget;
 *  - after training, by ablation: zeroing the required layer's output must move the
 *    predictions by at least ABLATION_MIN_CHANGE of their spread. A layer behind a frozen
 *    zero, or in a branch nobody reads, moves nothing.
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

/** Zeroing the required layer must move the predictions by at least 10% of their spread (RMS). */
export const ABLATION_MIN_CHANGE = 0.1;

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

/** How far the ablated predictions moved, as a share of the predictions' own spread (RMS about their mean). */
export function relativeChange(predictions: ArrayLike<number>, ablated: ArrayLike<number | null>): number {
  const n = ablated.length;
  if (n === 0) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += predictions[i];
  mean /= n;
  let spread = 0;
  let moved = 0;
  for (let i = 0; i < n; i++) {
    spread += (predictions[i] - mean) ** 2;
    const a = ablated[i];
    // An ablated prediction that is not a number moved as far as it could.
    moved += a == null || !Number.isFinite(a) ? Infinity : (predictions[i] - a) ** 2;
  }
  if (moved === 0) return 0;
  // Constant predictions have no spread to compare with: any movement counts as a change.
  return spread === 0 ? Infinity : Math.sqrt(moved / spread);
}

export interface AblationResult {
  layer: string;
  change: number;
}

/** After training: at least one required layer must matter. */
export function verdictAfterAblation(
  contract: ModelContract,
  report: RebuiltModelReport,
  predictions: ArrayLike<number>,
  ablations: { layer: string; values: (number | null)[] }[],
): { verdict: ContractVerdict; results: AblationResult[] } {
  const results = ablations.map((a) => ({ layer: a.layer, change: relativeChange(predictions, a.values) }));
  const best = results.reduce<AblationResult | null>((b, r) => (b == null || r.change > b.change ? r : b), null);
  const pct = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 10 : 100);
  if (!best || !(best.change >= ABLATION_MIN_CHANGE)) {
    return {
      results,
      verdict: { ok: false, feedback: text("check.contract.dead", { layer: contract.layer, name: best?.layer ?? "-", change: pct(best?.change ?? 0), min: ABLATION_MIN_CHANGE * 100 }) },
    };
  }
  return {
    results,
    verdict: { ok: true, feedback: text("check.contract.okAblation", { layers: report.layers.join(", "), params: report.params, layer: contract.layer, change: pct(best.change) }) },
  };
}
