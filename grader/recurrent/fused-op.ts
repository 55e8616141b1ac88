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

  const run = (inputs: tf.Tensor[]) => {
    const [xT, wT, uT, bT] = inputs;
    const xs = floats(xT), ws = floats(wT), us = floats(uT);
    const y = new Float32Array(outShape.reduce((a, d) => a * d, 1));
    const gates = new Float32Array(n * G * H);
    const hprev = new Float32Array(n * H);
    const cs = spec.cell === "lstm" ? new Float32Array(n * H) : null;
    const rh = spec.cell === "gru" ? new Float32Array(n * H) : null;
    kernels.forward(meta, xs, ws, us, bT ? floats(bT) : null, recurrentMask, mask, y, gates, hprev, cs, rh);
    const value = tf.tensor(y, outShape, "float32");
    const gradFunc = (dy: tf.Tensor) => {
      const dz = new Float32Array(n * G * H);
      const dx = new Float32Array(n * D);
      const dw = new Float32Array(D * G * H);
      const du = new Float32Array(H * G * H);
      const db = bT ? new Float32Array(G * H) : null;
      kernels.backward(meta, xs, ws, us, recurrentMask, mask, floats(dy), gates, hprev, cs, rh, dz, dx, dw, du, db);
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
