/**
 * The grader's own training loop for the models it covers whole: an optional Embedding,
 * stacked LSTM / GRU / SimpleRNN layers, Dense layers, a mean squared, mean absolute or
 * binary cross-entropy loss, tfjs's Adam. Every batch runs without TensorFlow.js: the
 * recurrent layers through the fused kernels' forward and backward calls (a first recurrent
 * layer after an Embedding takes its ids and table directly: forwardEmbedded, backwardEmbedded,
 * where the kernels have them; else the Embedding's gather and its gradient go through the
 * addon), the Dense layers and the loss in plain loops over
 * Float32Arrays, Adam through the addon's one-pass update. At the sine task's shapes tfjs
 * spends 4 to 5 ms a batch around kernels that take under 1 ms (about 50 tfjs ops, the tape,
 * per-op dispatch); here that overhead is gone.
 *
 * It is tfjs's `fit`, reproduced: the same validation split (the last rows), the same
 * shuffle (tf.util.shuffle of 0..n-1 once per epoch, from the seeded Math.random, so the
 * same batches in the same order), the same losses, metrics and logs (loss, acc, val_loss,
 * val_acc, averaged over samples as tfjs's BaseLogger and testLoop do), the same gradients
 * (tfjs's own derivatives, clipping included) and the same Adam arithmetic. Results match
 * stock tfjs within the equivalence tests' tolerances (sums run in another order). The
 * trained weights go back into the model's variables, so prediction and the ablation read
 * them as before.
 *
 * Anything it does not cover (dropout, regularizers, constraints, frozen layers, other
 * layers, losses, metrics or optimizers, a used optimizer, ids outside the vocabulary)
 * leaves the model to tfjs's fit, and the plan says why.
 */
import * as tf from "@tensorflow/tfjs";
import type { EpochReport, FitBudget } from "../harness/train/fit";
import type { AdamKernel } from "./fused-adam";
import { FUSED_ACTIVATIONS, type CellKind, type FusedActivation } from "./fused-op";
import type { KernelStatus, RnnKernels } from "./native-kernels";
import { registeredClass } from "./registry";

export interface TrainingLoopUse {
  path: "native" | "tfjs";
  /** Why tfjs's fit ran; null when native. */
  reason: string | null;
}

type DenseActivation = "linear" | "relu" | "sigmoid" | "tanh";
type Loss = "meanSquaredError" | "meanAbsoluteError" | "binaryCrossentropy";

/** One weight: its values, gradient and Adam's moments, all owned here until written back. */
interface Param {
  variable: tf.LayerVariable;
  value: Float32Array;
  grad: Float32Array;
  m: Float32Array;
  v: Float32Array;
}

interface EmbeddingStep {
  kind: "embedding";
  vocab: number;
  dim: number;
  maskZero: boolean;
  table: Param;
}
interface RecurrentStep {
  kind: "recurrent";
  cell: CellKind;
  gates: number;
  activation: FusedActivation;
  recurrentActivation: FusedActivation;
  goBackwards: boolean;
  returnSequences: boolean;
  features: number;
  units: number;
  kernel: Param;
  recurrentKernel: Param;
  bias: Param | null;
}
interface DenseStep {
  kind: "dense";
  inputs: number;
  units: number;
  activation: DenseActivation;
  kernel: Param;
  bias: Param | null;
}
type Step = EmbeddingStep | RecurrentStep | DenseStep;

const CELL_ID: Record<CellKind, number> = { lstm: 0, gru: 1, simple: 2 };
const GATES: Record<CellKind, number> = { lstm: 4, gru: 3, simple: 1 };
const ACT_ID: Record<FusedActivation, number> = { linear: 0, tanh: 1, sigmoid: 2, hardSigmoid: 3, relu: 4 };
const RECURRENT_CLASSES: Record<string, CellKind> = { LSTM: "lstm", GRU: "gru", SimpleRNN: "simple" };
const DENSE_ACTIVATIONS: readonly string[] = ["linear", "relu", "sigmoid", "tanh"];
const LOSSES: readonly string[] = ["meanSquaredError", "meanAbsoluteError", "binaryCrossentropy"];
/** tfjs-layers' epsilon(), the clip of binary cross-entropy. */
const EPSILON = 1e-7;

type Plan = { ok: true; trainer: NativeTraining } | { ok: false; reason: string };

interface AdamLike {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accumulatedFirstMoment: unknown[];
  iterations_?: number;
}

/** Config keys that must be null for the layer to train as plain math (no penalties, no projections). */
const PLAIN_KEYS = [
  "kernelRegularizer", "recurrentRegularizer", "biasRegularizer", "activityRegularizer", "embeddingsRegularizer",
  "kernelConstraint", "recurrentConstraint", "biasConstraint", "embeddingsConstraint",
];

function unplainKey(layer: tf.layers.Layer): string | null {
  const config = layer.getConfig() as Record<string, unknown>;
  return PLAIN_KEYS.find((k) => config[k] != null) ?? null;
}

function param(variable: tf.LayerVariable): Param {
  const value = Float32Array.from(variable.read().dataSync() as Float32Array);
  return { variable, value, grad: new Float32Array(value.length), m: new Float32Array(value.length), v: new Float32Array(value.length) };
}

function activationOf(a: { getClassName(): string } | undefined): string {
  return a ? a.getClassName() : "linear";
}

/**
 * The grader's trainer: `plan(model, x)` says whether this model trains natively here (and
 * why not), and gives the run.
 */
export class NativeTrainer {
  private readonly kernels: RnnKernels | null;
  private readonly adam: AdamKernel | null;
  private readonly unavailable: string | null;

  constructor(status: KernelStatus) {
    this.kernels = status.available ? status.kernels : null;
    const adam = status.available ? status.kernels.adam : undefined;
    this.adam = status.available && typeof adam === "function" ? adam.bind(status.kernels) : null;
    this.unavailable = !status.available ? `fused kernels unavailable: ${status.reason}` : this.adam ? null : "addon has no adam";
  }

  plan(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Plan {
    if (!this.kernels || !this.adam) return { ok: false, reason: this.unavailable ?? "unavailable" };
    try {
      const reason = { value: "" };
      const steps = planSteps(model, x, y, this.kernels, reason);
      if (!steps) return { ok: false, reason: reason.value };
      const optimizer = model.optimizer as unknown as AdamLike;
      const adamProto = registeredClass("Adam")?.prototype;
      if (!adamProto || Object.getPrototypeOf(optimizer) !== adamProto) return { ok: false, reason: `optimizer ${model.optimizer?.getClassName?.() ?? "?"}` };
      for (const k of ["learningRate", "beta1", "beta2", "epsilon"] as const) {
        if (typeof optimizer[k] !== "number" || !Number.isFinite(optimizer[k])) return { ok: false, reason: `Adam's ${k} is not a finite number` };
      }
      if (optimizer.accumulatedFirstMoment.length > 0) return { ok: false, reason: "the optimizer has already stepped" };
      const loss = model.loss;
      if (typeof loss !== "string" || !LOSSES.includes(loss)) return { ok: false, reason: `loss ${typeof loss === "string" ? loss : "given as a function or a list"}` };
      const metricNames = model.metricsNames.slice(1);
      if (metricNames.some((m) => m !== "acc")) return { ok: false, reason: `metrics ${metricNames.join(", ")}` };
      // tfjs's "accuracy" is binary for one output or binary cross-entropy, categorical otherwise (not covered).
      if (metricNames.length > 0 && y.shape[1] !== 1 && loss !== "binaryCrossentropy") return { ok: false, reason: "categorical accuracy" };
      const params = steps.flatMap(paramsOf);
      if (params.length !== model.trainableWeights.length || model.trainableWeights.length !== model.weights.length) {
        return { ok: false, reason: "weights the plan does not account for" };
      }
      return { ok: true, trainer: new NativeTraining(x.rank >= 2 ? x.shape[1]! : 0, this.kernels, this.adam, steps, params, loss as Loss, metricNames.length > 0, optimizer) };
    } catch (err) {
      return { ok: false, reason: `could not plan: ${(err as Error).message}`.slice(0, 200) };
    }
  }
}

function paramsOf(step: Step): Param[] {
  if (step.kind === "embedding") return [step.table];
  if (step.kind === "recurrent") return [step.kernel, step.recurrentKernel, ...(step.bias ? [step.bias] : [])];
  return [step.kernel, ...(step.bias ? [step.bias] : [])];
}

/** The layers as steps, checked one by one against what the loop implements; null with the reason. */
function planSteps(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, kernels: RnnKernels, why: { value: string }): Step[] | null {
  const fail = (reason: string) => {
    why.value = reason;
    return null;
  };
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return fail("several inputs or outputs");
  if (x.dtype !== "float32" || y.dtype !== "float32" || y.rank !== 2) return fail("inputs or targets of another type or rank");
  const layers = model.layers.filter((l) => l.getClassName() !== "InputLayer");
  // A chain: each layer's single input is the previous layer's output (or the model's input).
  let previous: tf.layers.Layer | null = null;
  for (const layer of layers) {
    const nodes = (layer as unknown as { inboundNodes: { inboundLayers: tf.layers.Layer[] }[] }).inboundNodes;
    if (nodes.length !== 1 || nodes[0].inboundLayers.length !== 1) return fail(`layer ${layer.name} is not in a plain chain`);
    const from = nodes[0].inboundLayers[0];
    if (previous ? from !== previous : from.getClassName() !== "InputLayer") return fail(`layer ${layer.name} is not in a plain chain`);
    previous = layer;
  }
  if (model.outputs[0] !== (previous as unknown as { output: unknown } | null)?.output) return fail("the output is not the last layer's");

  const steps: Step[] = [];
  // Flags are read as tfjs reads them, for truthiness: a description may give `goBackwards: 1`.
  // What flows between layers: a sequence [T, features] or a vector [features] per row.
  let shape: number[] = x.shape.slice(1);
  for (const [i, layer] of layers.entries()) {
    const cls = layer.getClassName();
    if (!layer.trainable) return fail(`layer ${layer.name} is frozen`);
    const plainless = unplainKey(layer);
    if (plainless) return fail(`layer ${layer.name} has a ${plainless}`);
    const l = layer as unknown as Record<string, unknown>;
    if (cls === "Embedding") {
      if (i !== 0 || shape.length !== 1) return fail("an Embedding other than on the model's input");
      if (typeof kernels.embeddingGather !== "function" || typeof kernels.embeddingGradient !== "function") return fail("the addon has no Embedding passes (rebuild it)");
      const table = (l.embeddings as tf.LayerVariable | null) ?? null;
      if (!table) return fail("Embedding not built");
      const [vocab, dim] = table.shape as number[];
      const ids = x.dataSync();
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        if (!(Number.isInteger(id) && id >= 0 && id < vocab)) return fail(`an id (${id}) outside the Embedding's ${vocab} words`);
      }
      steps.push({ kind: "embedding", vocab, dim, maskZero: Boolean(l.maskZero), table: param(table) });
      shape = [shape[0], dim];
      continue;
    }
    const cell = RECURRENT_CLASSES[cls];
    if (cell) {
      const c = l.cell as Record<string, unknown> & { activation?: { getClassName(): string }; recurrentActivation?: { getClassName(): string } };
      if (shape.length !== 2) return fail(`layer ${layer.name} does not read a sequence`);
      if (l.stateful || l.returnState) return fail(`layer ${layer.name} is stateful or returns its state`);
      if ((c.dropout as number) > 0 || (c.recurrentDropout as number) > 0) return fail(`layer ${layer.name} has dropout`);
      const activation = activationOf(c.activation);
      const recurrentActivation = cell === "simple" ? "linear" : activationOf(c.recurrentActivation);
      const fused = FUSED_ACTIVATIONS as readonly string[];
      if (!fused.includes(activation) || !fused.includes(recurrentActivation)) return fail(`layer ${layer.name}'s activation ${activation}/${recurrentActivation}`);
      const kernel = c.kernel as tf.LayerVariable, recurrentKernel = c.recurrentKernel as tf.LayerVariable;
      const bias = c.useBias ? (c.bias as tf.LayerVariable) : null;
      if (!kernel || !recurrentKernel) return fail(`layer ${layer.name} not built`);
      const units = c.units as number;
      steps.push({
        kind: "recurrent", cell, gates: GATES[cell], activation: activation as FusedActivation, recurrentActivation: recurrentActivation as FusedActivation,
        goBackwards: Boolean(l.goBackwards), returnSequences: Boolean(l.returnSequences), features: shape[1], units,
        kernel: param(kernel), recurrentKernel: param(recurrentKernel), bias: bias ? param(bias) : null,
      });
      shape = l.returnSequences ? [shape[0], units] : [units];
      continue;
    }
    if (cls === "Dense") {
      if (shape.length !== 1) return fail(`Dense layer ${layer.name} on a sequence`);
      const activation = activationOf(l.activation as { getClassName(): string } | undefined);
      if (!DENSE_ACTIVATIONS.includes(activation)) return fail(`Dense layer ${layer.name}'s activation ${activation}`);
      const kernel = l.kernel as tf.LayerVariable;
      if (!kernel) return fail(`layer ${layer.name} not built`);
      steps.push({ kind: "dense", inputs: shape[0], units: l.units as number, activation: activation as DenseActivation, kernel: param(kernel), bias: l.useBias ? param(l.bias as tf.LayerVariable) : null });
      shape = [l.units as number];
      continue;
    }
    return fail(`layer ${layer.name} (${cls}) has no native training`);
  }
  if (shape.length !== 1 || shape[0] !== y.shape[1]) return fail("the output does not match the targets");
  return steps;
}

/** Per-step buffers for one batch of at most `rows` rows. */
interface Buffers {
  /** Output of each step, [rows, ...]. */
  out: Float32Array[];
  /** Gradient of each step's output. */
  dOut: Float32Array[];
  /** Recurrent steps: what the forward pass saves, and the backward pass's dz. */
  saved: ({ gates: Float32Array; hprev: Float32Array; cs: Float32Array | null; rh: Float32Array | null; dz: Float32Array } | null)[];
  /** Dense steps: pre-activation values. */
  pre: (Float32Array | null)[];
  mask: Float32Array | null;
  /** Recurrent steps: the mask each read in the last forward pass (the backward pass reads the same). */
  readMask: (Float32Array | null)[];
  input: Float32Array;
  /** Values per row of the input. */
  rowSize: number;
  target: Float32Array;
}

class NativeTraining {
  private accBeta1: number;
  private accBeta2: number;
  private readonly meta = new Int32Array(9);
  /**
   * The Embedding whose rows the first recurrent layer reads, where the addon takes them as ids
   * (forwardEmbedded, backwardEmbedded: each distinct id's gates computed once, dz summed per id
   * instead of dx for every step); then its output rows are never gathered. Else null.
   */
  private readonly embeddedInput: EmbeddingStep | null;

  constructor(
    /** Steps in each input sequence (x's second dimension); every recurrent layer reads that many. */
    private readonly T: number,
    private readonly kernels: RnnKernels,
    private readonly adamKernel: AdamKernel,
    private readonly steps: Step[],
    private readonly params: Param[],
    private readonly loss: Loss,
    private readonly accuracy: boolean,
    private readonly optimizer: AdamLike,
  ) {
    const first = steps[0];
    const byIds = typeof kernels.forwardEmbedded === "function" && typeof kernels.backwardEmbedded === "function";
    this.embeddedInput = byIds && first?.kind === "embedding" && steps[1]?.kind === "recurrent" ? first : null;
    // tfjs's AdamOptimizer starts its accumulated powers at beta1 and beta2, in float32.
    this.accBeta1 = Math.fround(optimizer.beta1);
    this.accBeta2 = Math.fround(optimizer.beta2);
  }

  /**
   * tfjs's fit with the budget, as fitWithinBudget calls it (shuffle on, validation split,
   * a report per epoch, shouldStop checked where fit's callbacks check it). The trained
   * weights are written back into the model's variables at the end, stopped or not.
   */
  async fit(
    x: tf.Tensor,
    y: tf.Tensor,
    budget: FitBudget,
    onEpoch: (report: EpochReport) => void | Promise<void>,
    shouldStop?: () => boolean,
    /** As fit's: a page's worker yields to its event loop after each epoch ("batch": each batch too); the sandbox never. */
    yieldEvery: "never" | "epoch" | "batch" | "auto" = "never",
  ): Promise<void> {
    const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    const xs = x.dataSync() as Float32Array, ys = y.dataSync() as Float32Array;
    const n = x.shape[0], rowX = xs.length / Math.max(n, 1), rowY = ys.length / Math.max(n, 1);
    const doValidation = budget.validationSplit > 0 && budget.validationSplit < 1;
    const splitAt = doValidation ? Math.floor(n * (1 - budget.validationSplit)) : n;
    const batch = budget.batchSize;
    const buffers = this.buffers(batch, x.shape.slice(1), rowY);
    const indexArray = Array.from({ length: splitAt }, (_, i) => i);
    try {
      for (let epoch = 0; epoch < budget.epochs; epoch++) {
        const epochStart = Date.now();
        let stop = shouldStop?.() === true;
        tf.util.shuffle(indexArray);
        let seen = 0, lossSum = 0, accSum = 0;
        const batches = Math.ceil(splitAt / batch);
        const logs: Record<string, number> = {};
        for (let b = 0; b < batches; b++) {
          const start = b * batch, rows = Math.min(splitAt, start + batch) - start;
          for (let r = 0; r < rows; r++) {
            const src = indexArray[start + r];
            buffers.input.set(xs.subarray(src * rowX, (src + 1) * rowX), r * rowX);
            buffers.target.set(ys.subarray(src * rowY, (src + 1) * rowY), r * rowY);
          }
          const { loss, acc } = this.forward(buffers, rows);
          this.backward(buffers, rows);
          this.adamStep();
          lossSum += loss * rows;
          accSum += acc * rows;
          seen += rows;
          if (b === batches - 1 && doValidation) {
            const val = this.evaluate(buffers, xs, ys, rowX, rowY, splitAt, n, batch);
            logs.val_loss = val.loss;
            if (this.accuracy) logs.val_acc = val.acc;
          }
          if (shouldStop?.()) stop = true;
          if (stop) break;
          if (yieldEvery === "batch") await yieldNow();
        }
        logs.loss = lossSum / seen;
        if (this.accuracy) logs.acc = accSum / seen;
        await onEpoch({ epoch, logs, ms: Date.now() - epochStart });
        if (stop) break;
        if (yieldEvery !== "never") await yieldNow();
      }
    } finally {
      this.writeBack();
    }
  }

  /** testLoop: loss and accuracy over rows [from, to) in batches, weighted by batch size. */
  private evaluate(buffers: Buffers, xs: Float32Array, ys: Float32Array, rowX: number, rowY: number, from: number, to: number, batch: number) {
    let loss = 0, acc = 0;
    for (let start = from; start < to; start += batch) {
      const rows = Math.min(to, start + batch) - start;
      buffers.input.set(xs.subarray(start * rowX, (start + rows) * rowX));
      buffers.target.set(ys.subarray(start * rowY, (start + rows) * rowY));
      const out = this.forward(buffers, rows);
      loss += out.loss * rows;
      acc += out.acc * rows;
    }
    const count = to - from;
    return { loss: loss / count, acc: acc / count };
  }

  private buffers(rows: number, inputShape: number[], outputs: number): Buffers {
    const out: Float32Array[] = [], dOut: Float32Array[] = [], saved: Buffers["saved"] = [], pre: Buffers["pre"] = [];
    const T = this.T;
    let mask: Float32Array | null = null;
    for (const step of this.steps) {
      if (step.kind === "embedding") {
        out.push(new Float32Array(rows * T * step.dim));
        dOut.push(new Float32Array(rows * T * step.dim));
        if (step.maskZero) mask = new Float32Array(rows * T);
        saved.push(null);
        pre.push(null);
      } else if (step.kind === "recurrent") {
        const size = rows * (step.returnSequences ? T * step.units : step.units);
        out.push(new Float32Array(size));
        dOut.push(new Float32Array(size));
        const cells = rows * T;
        saved.push({
          gates: new Float32Array(cells * step.gates * step.units),
          hprev: new Float32Array(cells * step.units),
          cs: step.cell === "lstm" ? new Float32Array(cells * step.units) : null,
          rh: step.cell === "gru" ? new Float32Array(cells * step.units) : null,
          dz: new Float32Array(cells * step.gates * step.units),
        });
        pre.push(null);
      } else {
        out.push(new Float32Array(rows * step.units));
        dOut.push(new Float32Array(rows * step.units));
        saved.push(null);
        pre.push(new Float32Array(rows * step.units));
      }
    }
    const inputSize = inputShape.reduce((a, d) => a * d, 1);
    return { out, dOut, saved, pre, mask, readMask: this.steps.map(() => null), input: new Float32Array(rows * inputSize), rowSize: inputSize, target: new Float32Array(rows * outputs) };
  }

  /** Runs the batch's first `rows` rows through every step; the batch's loss and accuracy (means). */
  private forward(buf: Buffers, rows: number): { loss: number; acc: number } {
    // Training and evaluation run alike: no covered layer behaves differently (dropout is not covered).
    let input = buf.input.subarray(0, rows * buf.rowSize);
    const T = this.T;
    let mask: Float32Array | null = null;
    for (const [i, step] of this.steps.entries()) {
      if (step.kind === "embedding") {
        const cells = rows * T, E = step.dim, out = buf.out[i].subarray(0, cells * E);
        if (step.maskZero) {
          mask = buf.mask!.subarray(0, cells);
          for (let k = 0; k < cells; k++) mask[k] = input[k] !== 0 ? 1 : 0;
        }
        if (step === this.embeddedInput) continue; // the next layer reads the ids (input stays them)
        this.kernels.embeddingGather!(step.table.value, E, input, out);
        input = out;
      } else if (step.kind === "recurrent") {
        const s = buf.saved[i]!;
        const cells = rows * T, GH = step.gates * step.units;
        const y = buf.out[i].subarray(0, rows * (step.returnSequences ? T * step.units : step.units));
        const saved = [
          s.gates.subarray(0, cells * GH), s.hprev.subarray(0, cells * step.units),
          s.cs ? s.cs.subarray(0, cells * step.units) : null, s.rh ? s.rh.subarray(0, cells * step.units) : null,
        ] as const;
        const weights = [step.kernel.value, step.recurrentKernel.value, step.bias?.value ?? null, null, mask, y] as const;
        if (i === 1 && this.embeddedInput) this.kernels.forwardEmbedded!(this.metaFor(step, rows, T), input, this.embeddedInput.table.value, ...weights, ...saved);
        else this.kernels.forward(this.metaFor(step, rows, T), input, ...weights, ...saved);
        buf.readMask[i] = mask;
        // tfjs's RNN passes its input's mask on only with the sequence.
        if (!step.returnSequences) mask = null;
        input = y;
      } else {
        const z = buf.pre[i]!, a = buf.out[i], W = step.kernel.value, bias = step.bias?.value, I = step.inputs, U = step.units;
        for (let r = 0; r < rows; r++) {
          for (let u = 0; u < U; u++) {
            let sum = 0;
            for (let k = 0; k < I; k++) sum += input[r * I + k] * W[k * U + u];
            z[r * U + u] = Math.fround(sum + (bias ? bias[u] : 0));
          }
        }
        activate(step.activation, z, a, rows * U);
        input = a.subarray(0, rows * U);
      }
    }
    return this.lossOf(input, buf.target, rows, buf.dOut[this.steps.length - 1]);
  }

  /** The loss's value and, into `dp`, its gradient with respect to the predictions (tfjs's derivatives). */
  private lossOf(p: Float32Array, y: Float32Array, rows: number, dp: Float32Array): { loss: number; acc: number } {
    const count = rows > 0 ? p.length : 0;
    let total = 0, correct = 0;
    const scale = 1 / count;
    for (let k = 0; k < count; k++) {
      const pk = p[k], yk = y[k], d = pk - yk;
      if (this.loss === "meanSquaredError") {
        total += d * d;
        dp[k] = 2 * d * scale;
      } else if (this.loss === "meanAbsoluteError") {
        total += Math.abs(d);
        dp[k] = (d > 0 ? 1 : -1) * scale;
      } else {
        const inRange = pk >= EPSILON && pk <= 1 - EPSILON;
        const c = Math.min(Math.max(pk, EPSILON), 1 - EPSILON);
        const logit = Math.log(c / (1 - c));
        total += Math.max(logit, 0) - logit * yk + Math.log1p(Math.exp(-Math.abs(logit)));
        // d/dlogit = sigmoid(logit) - y = c - y; dlogit/dc = 1 / (c (1 - c)); the clip passes the gradient inside its range only.
        dp[k] = inRange ? ((c - yk) / (c * (1 - c))) * scale : 0;
      }
      if (this.accuracy && (pk > 0.5 ? 1 : 0) === yk) correct++;
    }
    return { loss: count > 0 ? total / count : 0, acc: count > 0 ? correct / count : 0 };
  }

  private backward(buf: Buffers, rows: number): void {
    const T = this.T;
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const step = this.steps[i];
      const dOut = buf.dOut[i];
      const input = i > 0 ? buf.out[i - 1] : buf.input;
      const dIn = i > 0 ? buf.dOut[i - 1] : null;
      if (step.kind === "dense") {
        const I = step.inputs, U = step.units, z = buf.pre[i]!, a = buf.out[i], W = step.kernel.value;
        // dz = dOut * act'(z), in place.
        activationGradient(step.activation, z, a, dOut, rows * U);
        const dW = step.kernel.grad;
        dW.fill(0);
        for (let r = 0; r < rows; r++) {
          for (let k = 0; k < I; k++) {
            const xk = input[r * I + k];
            for (let u = 0; u < U; u++) dW[k * U + u] += xk * dOut[r * U + u];
          }
        }
        if (step.bias) {
          const db = step.bias.grad;
          db.fill(0);
          for (let r = 0; r < rows; r++) for (let u = 0; u < U; u++) db[u] += dOut[r * U + u];
        }
        if (dIn) {
          for (let r = 0; r < rows; r++) {
            for (let k = 0; k < I; k++) {
              let sum = 0;
              for (let u = 0; u < U; u++) sum += dOut[r * U + u] * W[k * U + u];
              dIn[r * I + k] = sum;
            }
          }
        }
      } else if (step.kind === "recurrent") {
        const cells = rows * T, GH = step.gates * step.units, H = step.units;
        const s = buf.saved[i]!;
        const meta = this.metaFor(step, rows, T);
        const weights = [step.kernel.value, step.recurrentKernel.value, null, buf.readMask[i]] as const;
        const saved = [
          dOut.subarray(0, rows * (step.returnSequences ? T * H : H)), s.gates.subarray(0, cells * GH), s.hprev.subarray(0, cells * H),
          s.cs ? s.cs.subarray(0, cells * H) : null, s.rh ? s.rh.subarray(0, cells * H) : null, s.dz.subarray(0, cells * GH),
        ] as const;
        const grads = [step.kernel.grad, step.recurrentKernel.grad, step.bias?.grad ?? null] as const;
        if (i === 1 && this.embeddedInput) {
          // The Embedding's table gradient comes with it: the Embedding step below has nothing left to do.
          this.kernels.backwardEmbedded!(meta, buf.input.subarray(0, cells), this.embeddedInput.table.value, ...weights, ...saved, this.embeddedInput.table.grad, ...grads);
        } else {
          const dx = dIn ? dIn.subarray(0, cells * step.features) : new Float32Array(cells * step.features);
          this.kernels.backward(meta, input.subarray(0, cells * step.features), ...weights, ...saved, dx, ...grads);
        }
      } else if (step !== this.embeddedInput) {
        // tfjs's gather gradient: every row's gradient added into a dense gradient of the table.
        const cells = rows * T;
        this.kernels.embeddingGradient!(step.table.grad, step.dim, buf.input.subarray(0, cells), dOut.subarray(0, cells * step.dim));
      }
    }
  }

  private metaFor(step: RecurrentStep, rows: number, T: number): Int32Array {
    const m = this.meta;
    m[0] = CELL_ID[step.cell];
    m[1] = ACT_ID[step.activation];
    m[2] = ACT_ID[step.recurrentActivation];
    m[3] = rows;
    m[4] = T;
    m[5] = step.features;
    m[6] = step.units;
    m[7] = step.goBackwards ? 1 : 0;
    m[8] = step.returnSequences ? 1 : 0;
    return m;
  }

  /** tfjs's Adam step for every weight (the addon's pass, in place), then the accumulated powers. */
  private adamStep(): void {
    const o = this.optimizer;
    for (const p of this.params) {
      this.adamKernel(p.value, p.grad, p.m, p.v, p.value, p.m, p.v, o.learningRate, o.beta1, o.beta2, o.epsilon, this.accBeta1, this.accBeta2);
    }
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(o.beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(o.beta2));
  }

  private writeBack(): void {
    tf.tidy(() => {
      for (const p of this.params) p.variable.write(tf.tensor(p.value, p.variable.shape as number[], "float32"));
    });
  }
}

function activate(kind: DenseActivation, z: Float32Array, a: Float32Array, count: number): void {
  for (let k = 0; k < count; k++) {
    const v = z[k];
    a[k] = kind === "linear" ? v : kind === "relu" ? (v > 0 ? v : 0) : kind === "sigmoid" ? 1 / (1 + Math.exp(-v)) : Math.tanh(v);
  }
}

/** d *= act'(z), from tfjs's gradients: relu step(z), sigmoid y(1-y), tanh 1-y². */
function activationGradient(kind: DenseActivation, z: Float32Array, a: Float32Array, d: Float32Array, count: number): void {
  if (kind === "linear") return;
  for (let k = 0; k < count; k++) {
    const yk = a[k];
    d[k] *= kind === "relu" ? (z[k] > 0 ? 1 : 0) : kind === "sigmoid" ? yk * (1 - yk) : 1 - yk * yk;
  }
}
