/**
 * Makes the stock `tf.layers.lstm`, `gru` and `simpleRNN` (also inside `bidirectional`, and
 * `tf.layers.rnn` with one of their cells) train through the fused kernels, transparently:
 * the layers, their weights, names, serialisation and summaries stay TensorFlow.js's own;
 * masks (an Embedding's `maskZero`, a Masking layer) are honoured as tfjs does;
 * only `RNN.prototype.call` is wrapped. A call whose settings the kernels do not cover goes
 * to the stock implementation, and the layer's record says why.
 */
import * as tf from "@tensorflow/tfjs";
import { floats, fusedRecurrent, FUSED_ACTIVATIONS, type CellKind, type FusedActivation, type FusedSpec } from "./fused-op";
import type { KernelStatus, RnnKernels } from "./native-kernels";
import { registeredClass } from "./registry";
import { RECURRENT_REPORT_LIMITS as REPORT_LIMITS } from "../sandbox/protocol";

export interface RecurrentLayerUse {
  layer: string;
  cell: string;
  path: "fused" | "stock";
  /** Why the stock path ran; null when fused. */
  reason: string | null;
}

type Kwargs = { mask?: unknown; training?: boolean; initialState?: unknown } | undefined;
type RnnCall = (this: RnnLayer, inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs) => tf.Tensor | tf.Tensor[];

interface LayerVariableLike {
  read(): tf.Tensor;
}
interface CellLike {
  units: number;
  activation?: { getClassName(): string };
  recurrentActivation?: { getClassName(): string };
  useBias: boolean;
  kernel?: LayerVariableLike;
  recurrentKernel?: LayerVariableLike;
  bias?: LayerVariableLike | null;
  dropout: number;
  recurrentDropout: number;
  dropoutFunc?: (x: tf.Tensor, rate: number) => tf.Tensor;
  getClassName(): string;
}
interface RnnLayer {
  name: string;
  cell: CellLike;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
  numConstants?: number | null;
}

type Plan =
  | { ok: true; kernels: RnnKernels; spec: FusedSpec; input: tf.Tensor; mask: tf.Tensor | null }
  | { ok: false; reason: string };

function activationName(a: { getClassName(): string } | undefined): FusedActivation | null {
  if (!a) return "linear";
  const name = a.getClassName();
  return (FUSED_ACTIVATIONS as readonly string[]).includes(name) ? (name as FusedActivation) : null;
}

export class FusedRecurrentLayers {
  private readonly uses = new Map<string, RecurrentLayerUse>();
  private readonly cells: Map<object, CellKind>;
  private original: RnnCall | null = null;
  private rnnPrototype: { call: RnnCall } | null = null;

  constructor(private readonly status: KernelStatus) {
    const cells = new Map<object, CellKind>();
    const pairs: [string, CellKind][] = [["LSTMCell", "lstm"], ["GRUCell", "gru"], ["SimpleRNNCell", "simple"]];
    for (const [name, kind] of pairs) {
      const cls = registeredClass(name);
      if (cls) cells.set(cls.prototype, kind);
    }
    this.cells = cells;
  }

  /** Wraps RNN.prototype.call; returns false where tfjs's RNN class could not be found. */
  install(): boolean {
    const rnn = registeredClass("RNN") as { prototype: { call: RnnCall } } | null;
    if (!rnn || this.original) return Boolean(this.original);
    const original = rnn.prototype.call;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    rnn.prototype.call = function (this: RnnLayer, inputs, kwargs) {
      return self.call(this, inputs, kwargs);
    };
    this.original = original;
    this.rnnPrototype = rnn.prototype;
    return true;
  }

  /** Puts the stock call back (tests). */
  uninstall(): void {
    if (this.rnnPrototype && this.original) this.rnnPrototype.call = this.original;
    this.original = null;
    this.rnnPrototype = null;
  }

  /** Which path each recurrent layer took (the last call of each), for the grading result. */
  report(): RecurrentLayerUse[] {
    // Names are the student's: bounded like everything else that crosses to the grader.
    return [...this.uses.values()].slice(0, REPORT_LIMITS.layers).map((u) => ({
      ...u,
      layer: u.layer.slice(0, REPORT_LIMITS.name),
      cell: u.cell.slice(0, REPORT_LIMITS.name),
      reason: u.reason?.slice(0, REPORT_LIMITS.reason) ?? null,
    }));
  }

  resetReport(): void {
    this.uses.clear();
  }

  private call(layer: RnnLayer, inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const plan = this.plan(layer, inputs, kwargs);
    const cellName = layer.cell?.getClassName?.() ?? "?";
    this.uses.set(layer.name, { layer: layer.name, cell: cellName.replace(/Cell$/, ""), path: plan.ok ? "fused" : "stock", reason: plan.ok ? null : plan.reason });
    if (!plan.ok) return this.original!.call(layer, inputs, kwargs);
    const cell = layer.cell;
    const training = kwargs?.training === true;
    return tf.tidy(() => {
      let x = plan.input;
      const [B, , D] = x.shape;
      if (training && cell.dropout > 0 && cell.dropout < 1) {
        // tfjs draws one mask per sequence and applies it at every step (recurrent.js).
        x = tf.mul(x, tf.expandDims(this.dropoutMask(cell, [B, D], cell.dropout), 1));
      }
      let recurrentMask: Float32Array | null = null;
      if (training && cell.recurrentDropout > 0 && cell.recurrentDropout < 1) {
        recurrentMask = floats(this.dropoutMask(cell, [B, cell.units], cell.recurrentDropout));
      }
      const bias = cell.useBias && cell.bias ? cell.bias.read() : null;
      // tfjs counts a step where the mask is truthy (cast to bool, then to 1 or 0).
      const mask = plan.mask ? floats(tf.cast(tf.cast(plan.mask, "bool"), "float32")) : null;
      return fusedRecurrent(plan.kernels, plan.spec, x, cell.kernel!.read(), cell.recurrentKernel!.read(), bias, recurrentMask, mask, training);
    });
  }

  private dropoutMask(cell: CellLike, shape: number[], rate: number): tf.Tensor {
    const ones = tf.ones(shape);
    return cell.dropoutFunc ? cell.dropoutFunc(ones, rate) : tf.dropout(ones, rate);
  }

  private plan(layer: RnnLayer, inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): Plan {
    if (!this.status.available) return { ok: false, reason: `fused kernels unavailable: ${this.status.reason}` };
    const cell = layer.cell;
    const kind = cell ? this.cells.get(Object.getPrototypeOf(cell)) : undefined;
    if (!kind) return { ok: false, reason: `cell ${cell?.getClassName?.() ?? "?"} has no fused kernel` };
    const input = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : null) : inputs;
    if (!input) return { ok: false, reason: "several inputs (constants or states)" };
    if (input.rank !== 3 || input.dtype !== "float32") return { ok: false, reason: `input of rank ${input.rank} (${input.dtype})` };
    if (input.shape[0] === 0 || input.shape[1] === 0) return { ok: false, reason: "empty batch or sequence" };
    const mask = kwargs?.mask == null ? null : (Array.isArray(kwargs.mask) ? kwargs.mask[0] : kwargs.mask) as tf.Tensor | null;
    const [batch, steps] = input.shape as number[];
    if (mask != null && !(mask instanceof tf.Tensor && mask.size === batch * steps)) {
      return { ok: false, reason: "mask of another shape" };
    }
    if (kwargs?.initialState != null) return { ok: false, reason: "initial state" };
    if (layer.stateful) return { ok: false, reason: "stateful" };
    if (layer.returnState) return { ok: false, reason: "returnState" };
    if (layer.numConstants != null) return { ok: false, reason: "constants" };
    if (!cell.kernel || !cell.recurrentKernel) return { ok: false, reason: "cell not built" };
    const activation = activationName(cell.activation);
    if (!activation) return { ok: false, reason: `activation ${cell.activation?.getClassName()}` };
    const recurrentActivation = kind === "simple" ? "linear" : activationName(cell.recurrentActivation);
    if (!recurrentActivation) return { ok: false, reason: `recurrentActivation ${cell.recurrentActivation?.getClassName()}` };
    return {
      ok: true,
      kernels: this.status.kernels,
      input,
      mask,
      spec: { cell: kind, activation, recurrentActivation, goBackwards: layer.goBackwards, returnSequences: layer.returnSequences },
    };
  }
}
