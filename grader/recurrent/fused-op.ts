/**
 * One recurrent layer over a whole batch of sequences as a single TensorFlow.js operation
 * with its own gradient (the idea behind cuDNN's fused RNNs): the forward pass and the
 * backward pass through time each run as one native call, instead of ~20 small tfjs ops per
 * time step. What the forward pass computes for the backward pass (gate activations, states)
 * stays in plain Float32Arrays held by the gradient's closure, outside the tfjs engine.
 */
import * as tf from "@tensorflow/tfjs";
import type { RnnKernels } from "./native-kernels";

export type CellKind = "lstm" | "gru" | "simple";
/** Activations the kernels implement, by their tfjs class names. */
export const FUSED_ACTIVATIONS = ["linear", "tanh", "sigmoid", "hardSigmoid", "relu"] as const;
export type FusedActivation = (typeof FUSED_ACTIVATIONS)[number];

export interface FusedSpec {
  cell: CellKind;
  activation: FusedActivation;
  /** LSTM and GRU gates; ignored by SimpleRNN. */
  recurrentActivation: FusedActivation;
  goBackwards: boolean;
  returnSequences: boolean;
}

const CELL_ID: Record<CellKind, number> = { lstm: 0, gru: 1, simple: 2 };
const GATES: Record<CellKind, number> = { lstm: 4, gru: 3, simple: 1 };
const ACT_ID: Record<FusedActivation, number> = { linear: 0, tanh: 1, sigmoid: 2, hardSigmoid: 3, relu: 4 };

/**
 * Reused workspace: the arrays the forward pass saves for the backward pass (gates, states)
 * and the backward pass's own scratch are megabytes per call (6.5 MB of gates for one IMDb
 * batch). Fresh ones every call cost page faults, zero-filling and garbage collection of
 * the order of the kernels themselves. Only arrays that never leave this module are pooled:
 * outputs become tensors, and the cpu backend keeps the array it is given.
 */
class Workspace {
  private readonly free = new Map<number, Float32Array[]>();
  /** Arrays kept per size: one set per recurrent layer of a model is the steady state. */
  private static readonly KEEP = 8;

  take(size: number): Float32Array {
    return this.free.get(size)?.pop() ?? new Float32Array(size);
  }

  give(...arrays: (Float32Array | null)[]): void {
    for (const a of arrays) {
      if (!a) continue;
      const list = this.free.get(a.length) ?? [];
      if (list.length < Workspace.KEEP) list.push(a);
      this.free.set(a.length, list);
    }
  }
}

const workspace = new Workspace();
/** Rows per native call at inference: IMDb's training batch, whose per-step arrays fit in cache. */
const INFERENCE_ROWS = 64;

/** Float32 values of a tensor, copied out of the backend where it keeps them elsewhere. */
export function floats(t: tf.Tensor): Float32Array {
  const data = t.dataSync();
  return data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
}

/**
 * Runs the layer: x [batch, time, features] → [batch, time, units] (returnSequences) or
 * [batch, units]. `recurrentMask` is the recurrent-dropout mask [batch, units], already
 * scaled, or null; `mask` [batch, time] says which steps count (0: skipped, states carried
 * over, as tfjs does for padding masked by an Embedding's maskZero), or null. Gradients flow
 * to x, kernel, recurrentKernel and bias.
 *
 * `training`: a gradient will follow (fit's training step), so what the forward pass saves
 * stays with the gradient until it has run. Otherwise (predict, evaluate) the saved arrays
 * go straight back to the workspace, and a gradient asked for anyway recomputes them.
 */
export function fusedRecurrent(
  kernels: RnnKernels,
  spec: FusedSpec,
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor | null,
  recurrentMask: Float32Array | null,
  mask: Float32Array | null = null,
  training = true,
): tf.Tensor {
  const [B, T, D] = x.shape;
  const H = recurrentKernel.shape[0];
  const G = GATES[spec.cell];
  if (kernel.shape[0] !== D || kernel.shape[1] !== G * H || recurrentKernel.shape[1] !== G * H || (bias && bias.size !== G * H)) {
    throw new Error(`fused ${spec.cell}: weights do not match input of ${D} features and ${H} units`);
  }
  const meta = Int32Array.of(
    CELL_ID[spec.cell], ACT_ID[spec.activation], ACT_ID[spec.recurrentActivation], B, T, D, H,
    spec.goBackwards ? 1 : 0, spec.returnSequences ? 1 : 0,
  );
  const n = B * T;
  const outShape = spec.returnSequences ? [B, T, H] : [B, H];

  interface Saved {
    gates: Float32Array;
    hprev: Float32Array;
    cs: Float32Array | null;
    rh: Float32Array | null;
  }
  /** What the forward pass keeps for `rows` (batch × time) rows, from the workspace. */
  const takeSaved = (rows: number): Saved => ({
    gates: workspace.take(rows * G * H),
    hprev: workspace.take(rows * H),
    cs: spec.cell === "lstm" ? workspace.take(rows * H) : null,
    rh: spec.cell === "gru" ? workspace.take(rows * H) : null,
  });
  const forward = (xs: Float32Array, ws: Float32Array, us: Float32Array, bs: Float32Array | null, y: Float32Array): Saved => {
    const saved = takeSaved(n);
    kernels.forward(meta, xs, ws, us, bs, recurrentMask, mask, y, saved.gates, saved.hprev, saved.cs, saved.rh);
    return saved;
  };
  const release = (saved: Saved) => workspace.give(saved.gates, saved.hprev, saved.cs, saved.rh);

  /**
   * Inference over a large batch (predict's 256 rows) in slices of the training batch's
   * size: the per-step arrays of one slice stay in cache, where a whole batch's (26 MB of
   * gates at 256 IMDb reviews) would not. Rows are independent, and so are their results.
   */
  const infer = (xs: Float32Array, ws: Float32Array, us: Float32Array, bs: Float32Array | null, y: Float32Array) => {
    const rowsOut = spec.returnSequences ? T * H : H;
    for (let start = 0; start < B; start += INFERENCE_ROWS) {
      const rows = Math.min(INFERENCE_ROWS, B - start);
      const sliceMeta = Int32Array.from(meta);
      sliceMeta[3] = rows;
      const saved = takeSaved(rows * T);
      kernels.forward(
        sliceMeta, xs.subarray(start * T * D, (start + rows) * T * D), ws, us, bs, null,
        mask ? mask.subarray(start * T, (start + rows) * T) : null,
        y.subarray(start * rowsOut, (start + rows) * rowsOut), saved.gates, saved.hprev, saved.cs, saved.rh,
      );
      release(saved);
    }
  };

  const run = (inputs: tf.Tensor[]) => {
    const [xT, wT, uT, bT] = inputs;
    const xs = floats(xT), ws = floats(wT), us = floats(uT), bs = bT ? floats(bT) : null;
    const y = new Float32Array(outShape.reduce((a, d) => a * d, 1));
    // Recurrent dropout (one mask for the whole batch) only ever comes with training.
    let saved: Saved | null = null;
    if (training) saved = forward(xs, ws, us, bs, y);
    else if (recurrentMask) release(forward(xs, ws, us, bs, y));
    else infer(xs, ws, us, bs, y);
    const value = tf.tensor(y, outShape, "float32");
    const gradFunc = (dy: tf.Tensor) => {
      const states = saved ?? forward(xs, ws, us, bs, new Float32Array(y.length));
      saved = null; // one gradient per forward pass: a second one recomputes
      const dz = workspace.take(n * G * H);
      const dx = new Float32Array(n * D);
      const dw = new Float32Array(D * G * H);
      const du = new Float32Array(H * G * H);
      const db = bT ? new Float32Array(G * H) : null;
      kernels.backward(meta, xs, ws, us, recurrentMask, mask, floats(dy), states.gates, states.hprev, states.cs, states.rh, dz, dx, dw, du, db);
      release(states);
      workspace.give(dz);
      const grads = [tf.tensor(dx, xT.shape, "float32"), tf.tensor(dw, wT.shape, "float32"), tf.tensor(du, uT.shape, "float32")];
      if (bT && db) grads.push(tf.tensor(db, bT.shape, "float32"));
      return grads;
    };
    return { value, gradFunc };
  };

  const inputs = bias ? [x, kernel, recurrentKernel, bias] : [x, kernel, recurrentKernel];
  // customGrad passes the inputs, then a `save` function this op does not need.
  const op = tf.customGrad(((...args: unknown[]) => run(args.slice(0, inputs.length) as tf.Tensor[])) as Parameters<typeof tf.customGrad>[0]);
  return op(...inputs);
}
