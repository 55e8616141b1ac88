/**
 * A practice run: the grading job's phases, in one Web Worker of the student's browser, on
 * public data, reporting as it goes. Each phase calls the grader's own module for it:
 *
 *   compile   compile-source.ts: syntax, the import rule, types, the source map
 *   load      the module's exports (inspect-exports.ts) against the task (phases/exports.ts),
 *             and the training budget grading would settle
 *   probe     the student's plain functions on public cases, beside the reference's output
 *   prepare   their makeWindows / padSequences on the public training data (the task's acceptor)
 *   build     their builder, described (describe-model.ts), validated (contract/description.ts),
 *             rebuilt with tfjs's own classes (train/rebuild.ts), judged (contract/verdict.ts)
 *   train     train/fit.ts, the sandbox's training loop, with the same budget
 *   evaluate  predictions on public examples, the chart, and the ablation's verdict
 *
 * Nothing here is trusted by anyone: the student's code shares this worker, and the run
 * stores nothing. It is the same path as grading so that what a student practises is what is
 * graded; integrity is the sandboxed grader's job.
 */
import type * as tfTypes from "@tensorflow/tfjs";
import type { CompileOutcome } from "../compile/compile-source";
import type { SubmissionSourceMap } from "../compile/source-map";
import { validateDescription } from "../contract/description";
import { verdictAfterAblation, verdictBeforeTraining } from "../contract/verdict";
import { errorFailure, makeFailure } from "../failures";
import { inspectExports } from "../harness/describe/inspect-exports";
import { MEMORY_PATTERNS } from "../harness/memory-error";
import { compileSettingsOf, isDescribable, topologyOf } from "../harness/describe/describe-model";
import { toPlain } from "../harness/describe/plain-value";
import { tabulate } from "../harness/describe/tabulate";
import { orderSensitivity, predictOneBatch, predictSwapped } from "../harness/train/ablation";
import { fitWithinBudget } from "../harness/train/fit";
import { ablationUnits, rebuild, RebuildError } from "../harness/train/rebuild";
import { seedMathRandom } from "../harness/seeded-random";
import { text } from "../i18n/messages";
import { budgetFor, constantsWithDefaults, exportProblems } from "../phases/exports";
import type { Failure, LocalizedText } from "../result";
import type { TensorData, TrainModelPlan } from "../sandbox/protocol";
import { accuracy, confusion, mae, mse } from "../scoring/metrics";
import type { PreparedTable } from "../tasks/types";
import type { PracticeEvent } from "./events";
import { jsKernels } from "../recurrent/js-kernels";
import { NativeTrainer } from "../recurrent/native-fit";
import { firstDifference } from "./first-difference";
import type { PracticeData, PracticeMetric, PracticeModel, PracticeTask } from "./practice-task";

type Tf = typeof tfTypes;

export interface PracticeEnvironment {
  tf: Tf;
  compile(source: string): CompileOutcome;
  /** Evaluates the compiled CommonJS module; throws what the student's top level throws. */
  load(code: string): Record<string, unknown>;
  emit(event: PracticeEvent): void;
  /** fit's `yieldEvery` ("never" in Node tests; the worker yields so its messages flow). */
  yieldEvery?: "never" | "epoch" | "batch" | "auto";
  now?: () => number;
  /**
   * The grader's own training loop over the recurrent kernels' TypeScript port (no addon in a
   * browser), for the models it covers, as grading trains them in its sandbox; null: tfjs's fit.
   */
  native?: NativeTrainer | null;
}

/** The practice run's trainer by default: the grader's loop over the TypeScript kernels. */
const typescriptTrainer = new NativeTrainer({ available: true, library: "js", kernels: jsKernels });

/** The ablation runs on at most this many evaluation rows, as grading's does on test rows. */
const ABLATION_ROWS = 512;
/** A probe's arguments and outputs are shown cut to this many elements per list. */
const PREVIEW_ITEMS = 40;
/** Browsers give WebAssembly up to 4 GiB: the figure a memory failure names. */
const BROWSER_MEMORY_MB = 4096;


function errorInfo(err: unknown): { name: string; message: string; stack: string } {
  try {
    if (err instanceof Error) return { name: String(err.name), message: String(err.message).slice(0, 10_000), stack: String(err.stack ?? "").slice(0, 40_000) };
  } catch {
    // an error object with hostile getters
  }
  try {
    return { name: "Error", message: `thrown value: ${String(err).slice(0, 500)}`, stack: "" };
  } catch {
    return { name: "Error", message: "thrown value: [unprintable]", stack: "" };
  }
}

/** A value cut to a preview: long lists keep their first items and say how many there were. */
export function preview(value: unknown, depth = 0): unknown {
  const plain = depth === 0 ? toPlain(value) : value;
  if (depth > 4) return "…";
  if (Array.isArray(plain)) {
    const head = plain.slice(0, PREVIEW_ITEMS).map((v) => preview(v, depth + 1));
    return plain.length > PREVIEW_ITEMS ? [...head, `… (${plain.length})`] : head;
  }
  if (plain && typeof plain === "object") {
    return Object.fromEntries(Object.entries(plain).slice(0, 20).map(([k, v]) => [k, preview(v, depth + 1)]));
  }
  return typeof plain === "string" ? plain.slice(0, 200) : plain;
}

function metricValue(metric: PracticeMetric, predictions: Float32Array, targets: number[]): number {
  if (metric === "accuracy") return accuracy(confusion(predictions, targets));
  return metric === "mae" ? mae(predictions, targets) : mse(predictions, targets);
}

const finite = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

export async function runPractice(task: PracticeTask, source: string, data: PracticeData, seed: number, env: PracticeEnvironment): Promise<void> {
  const { tf, emit } = env;
  const now = env.now ?? (() => Date.now());
  const started = now();
  const fail = (failure: Failure) => {
    emit({ type: "failure", failure });
    emit({ type: "done", ms: now() - started, stoppedBy: null });
  };
  const spec = task.definition;

  emit({ type: "phase", phase: "compile" });
  const compiled = env.compile(source);
  if (!compiled.ok) {
    const f = compiled.failure;
    const failure = makeFailure(f.kind, `failure.${f.kind}`, f.params, { line: f.line, column: f.column, phase: "compile" });
    return fail({ ...failure, message: f.message });
  }
  const sourceMap = compiled.sourceMap;
  const studentFailure = (phase: string, err: unknown): Failure => {
    const info = errorInfo(err);
    const kind = MEMORY_PATTERNS.test(`${info.name} ${info.message}`) ? "memory" : "exception";
    return errorFailure(kind, phase, info, sourceMap, BROWSER_MEMORY_MB);
  };

  emit({ type: "phase", phase: "load" });
  seedMathRandom(seed);
  let mod: Record<string, unknown>;
  let exportsReport: ReturnType<typeof inspectExports>;
  try {
    mod = env.load(compiled.code);
    exportsReport = inspectExports(mod);
  } catch (err) {
    return fail(studentFailure("load", err));
  }
  const problem = exportProblems(spec, exportsReport.found, exportsReport.constants);
  if (problem) return fail({ ...problem, phase: "load" });
  const constants = constantsWithDefaults(spec, exportsReport.constants);
  // The budget grading would settle: the student's epochs and batch size, within the task's.
  const settled = budgetFor(spec, "full", exportsReport.training, undefined);
  if (settled.failure) return fail({ ...settled.failure, phase: "load" });
  const budget = settled.budget!;
  emit({ type: "budget", epochs: budget.epochs, batchSize: budget.batchSize, timeLimitMs: task.timeLimitMs });

  const plan = task.plan(constants, data);

  emit({ type: "phase", phase: "probe" });
  for (const probe of plan.probes) {
    try {
      const value = toPlain(await (mod[probe.fn] as (...a: unknown[]) => unknown)(...structuredClone(probe.args)));
      const difference = firstDifference(value, probe.expected);
      emit({
        type: "probe", id: probe.id, fn: probe.fn, args: preview(probe.args), expected: preview(probe.expected), actual: preview(value),
        difference: difference && { path: difference.path, expected: preview(difference.expected), actual: preview(difference.actual) },
      });
    } catch (err) {
      const f = studentFailure("probe", err);
      emit({ type: "probe", id: probe.id, fn: probe.fn, args: preview(probe.args), expected: preview(probe.expected), actual: null, difference: null, error: { message: f.text.en, line: f.line } });
    }
  }

  const deadline = started + task.timeLimitMs;
  let stoppedBy: "time" | null = null;
  for (const model of plan.models) {
    const outcome = await practiseModel(model, mod, budget, seed, sourceMap, env, () => {
      if (now() > deadline) stoppedBy = "time";
      return stoppedBy !== null;
    }, studentFailure);
    if (outcome === "failed") return emit({ type: "done", ms: now() - started, stoppedBy });
  }
  emit({ type: "done", ms: now() - started, stoppedBy });
}

/** One model, from the student's data preparation to its chart. "failed" ends the run. */
async function practiseModel(
  model: PracticeModel,
  mod: Record<string, unknown>,
  budget: { epochs: number; batchSize: number },
  seed: number,
  sourceMap: SubmissionSourceMap,
  env: PracticeEnvironment,
  shouldStop: () => boolean,
  studentFailure: (phase: string, err: unknown) => Failure,
): Promise<"done" | "failed"> {
  const { tf, emit } = env;
  const fail = (failure: Failure): "failed" => {
    emit({ type: "failure", failure });
    return "failed";
  };

  let train = model.train;
  if (model.prepare) {
    const phase = `prepare:${model.id}`;
    emit({ type: "phase", phase });
    const { fn, args, output, sequences } = model.prepare;
    let table: PreparedTable;
    try {
      const callArgs = structuredClone(args);
      if (sequences) callArgs[sequences.arg] = Array.from({ length: sequences.offsets.length - 1 }, (_, i) => Array.from(sequences.tokens.subarray(sequences.offsets[i], sequences.offsets[i + 1])));
      const tabulated = tabulate(await (mod[fn] as (...a: unknown[]) => unknown)(...callArgs), output, fn);
      if (!tabulated.ok) return fail(dataFailure(text("prepare.notTable", { fn, problem: tabulated.problem }), phase));
      table = tabulated;
    } catch (err) {
      return fail(studentFailure(phase, err));
    }
    const accepted = model.prepare.accept(table);
    if (!accepted.ok) return fail(dataFailure(accepted.message, phase));
    train = accepted.train;
    if (accepted.notes.length) emit({ type: "notes", model: model.id, notes: accepted.notes });
  }

  const buildPhase = `build:${model.id}`;
  emit({ type: "phase", phase: buildPhase });
  let built: unknown;
  try {
    built = await (mod[model.build.fn] as (...a: unknown[]) => unknown)(...structuredClone(model.build.args));
  } catch (err) {
    return fail(studentFailure(buildPhase, err));
  }
  if (!isDescribable(built)) {
    const actual = built === undefined ? "undefined" : built === null ? "null" : typeof built;
    return fail(makeFailure("export", "failure.export.notModel", { fn: model.build.fn, actual }, { phase: buildPhase }));
  }
  let description: ReturnType<typeof validateDescription>;
  try {
    description = validateDescription(topologyOf(built), compileSettingsOf(built));
  } catch (err) {
    return fail(studentFailure(buildPhase, err));
  }
  if (!description.ok) {
    const { code, params } = description.problem;
    return fail(makeFailure("contract", `failure.${code}` as const, { model: model.id, ...params }, { phase: buildPhase }));
  }
  try {
    (built as { dispose?: () => void }).dispose?.();
  } catch {
    // the student's object: nothing of it is used from here on
  }

  const rebuildPlan: TrainModelPlan = {
    id: model.id, topology: description.value.topology, compile: description.value.compile,
    defaults: { loss: model.loss, metrics: model.metrics, learningRate: model.learningRate },
    ablate: [model.contract.layer], ablationRows: ABLATION_ROWS,
    epochs: budget.epochs, batchSize: budget.batchSize, validationSplit: model.validationSplit,
    trainX: "", trainY: "", testX: "", chartX: null,
  };
  seedMathRandom(seed);
  let rebuilt: Awaited<ReturnType<typeof rebuild>>;
  try {
    rebuilt = await rebuild(rebuildPlan, { placeholderWeights: false });
  } catch (err) {
    const detail = err instanceof RebuildError ? err.message : errorInfo(err).message;
    return fail(makeFailure("contract", "failure.contract.rebuild", { model: model.id, detail: detail.slice(0, 2000) }, { phase: buildPhase }));
  }
  const { report } = rebuilt;
  const shapeOk = report.inputCount === 1 && report.outputCount === 1 && sameShape(report.inputShape, model.inputShape) && sameShape(report.outputShape, model.outputShape);
  if (!shapeOk) {
    rebuilt.model.dispose();
    return fail(makeFailure("shape", "failure.shape", {
      model: model.id, input: JSON.stringify(report.inputShape), output: JSON.stringify(report.outputShape),
      expectedInput: JSON.stringify([null, ...model.inputShape]), expectedOutput: JSON.stringify([null, ...model.outputShape]),
    }, { phase: buildPhase }));
  }
  const contract = verdictBeforeTraining(model.contract, description.value.topology, report);
  emit({ type: "model", model: model.id, title: model.title, layers: report.layers, params: report.params, maxParams: model.contract.maxParams, contract });
  if (!contract.ok) {
    // Grading does not train a model that fails its contract either.
    rebuilt.model.dispose();
    return "done";
  }

  const trainPhase = `train:${model.id}`;
  emit({ type: "phase", phase: trainPhase });
  const net = rebuilt.model;
  const x = tensorOf(tf, train.x);
  const y = tensorOf(tf, train.y);
  try {
    await fitWithinBudget(net, x, y, { ...budget, validationSplit: model.validationSplit }, ({ epoch, logs, ms }) => {
      emit({
        type: "epoch", model: model.id, epoch, ms,
        loss: finite(logs.loss), valLoss: finite(logs.val_loss), acc: finite(logs.acc ?? logs.accuracy), valAcc: finite(logs.val_acc ?? logs.val_accuracy),
      });
    }, { shouldStop, yieldEvery: env.yieldEvery ?? "never", native: env.native === undefined ? typescriptTrainer : (env.native ?? undefined) });
  } catch (err) {
    net.dispose();
    const info = errorInfo(err);
    const kind = MEMORY_PATTERNS.test(`${info.name} ${info.message}`) ? "memory" : "exception";
    return fail(errorFailure(kind, trainPhase, info, sourceMap, BROWSER_MEMORY_MB));
  } finally {
    x.dispose();
    y.dispose();
  }

  emit({ type: "phase", phase: `evaluate:${model.id}` });
  try {
    const predictions = await predict(tf, net, model.evaluate.x);
    const value = metricValue(model.evaluate.metric, predictions, model.evaluate.y);
    emit({ type: "evaluation", model: model.id, metric: model.evaluate.metric, value: Number.isFinite(value) ? value : null, examples: model.evaluate.y.length, baseline: model.evaluate.baseline });
    if (model.chart) {
      const chart = model.chart.x === model.evaluate.x ? predictions : await predict(tf, net, model.chart.x);
      emit({
        type: "chart", model: model.id, xAxis: model.chart.xAxis,
        points: model.chart.points.map((p, i) => ({ x: p.x, actual: p.actual, predicted: Number.isFinite(chart[i]) ? chart[i] : null })),
      });
    }
    // The ablation grading runs after training, on public rows: does the layer do the work?
    const verdict = ablate(tf, net, model, predictions, report);
    if (verdict) emit({ type: "model", model: model.id, title: model.title, layers: report.layers, params: report.params, maxParams: model.contract.maxParams, contract: verdict });
  } finally {
    net.dispose();
  }
  return "done";
}

/** The student's prepared data cannot be trained on: grading's `data` failure, same words. */
function dataFailure(message: LocalizedText, phase: string): Failure {
  return { kind: "data", message: message.en, text: message, phase };
}

function sameShape(actual: (number | null)[], expected: number[]): boolean {
  const rest = actual.slice(1);
  return rest.length === expected.length && rest.every((d, i) => d === expected[i]);
}

function tensorOf(tf: Tf, t: TensorData): tfTypes.Tensor {
  return tf.tensor(t.data, t.shape, t.dtype);
}

async function predict(tf: Tf, model: tfTypes.LayersModel, x: TensorData): Promise<Float32Array> {
  const input = tensorOf(tf, x);
  const out = model.predict(input, { batchSize: 256 }) as tfTypes.Tensor;
  const values = (await out.data()) as Float32Array;
  input.dispose();
  out.dispose();
  return values;
}

function ablate(tf: Tf, model: tfTypes.LayersModel, practice: PracticeModel, predictions: Float32Array, report: { layers: string[]; params: number }) {
  const x = practice.evaluate.x;
  const rows = Math.min(ABLATION_ROWS, x.shape[0]);
  if (rows < 2) return null;
  const rowSize = x.data.length / x.shape[0];
  const subset = tf.tensor(x.data.subarray(0, rows * rowSize), [rows, ...x.shape.slice(1)], x.dtype);
  const values = (t: tfTypes.Tensor): (number | null)[] => {
    const data = Array.from(t.dataSync(), (v) => (Number.isFinite(v) ? v : null));
    t.dispose();
    return data;
  };
  try {
    const reference = values(predictOneBatch(model, subset));
    const units = ablationUnits(model, [practice.contract.layer]);
    const ablations = units.map((unit) => ({ layer: unit.name, values: values(predictSwapped(model, unit, subset)) }));
    const order = units.map((unit) => ({ layer: unit.name, change: orderSensitivity(model, unit, subset) }));
    return verdictAfterAblation(practice.contract, report, { scored: predictions.subarray(0, rows), reference }, practice.evaluate.y, ablations, order).verdict;
  } finally {
    subset.dispose();
  }
}
