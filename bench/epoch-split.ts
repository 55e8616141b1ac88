/**
 * Where one IMDb training epoch spends its time (issue "Training speed II", step 1): the
 * fused kernels' forward and backward calls, each TensorFlow.js kernel around them (the
 * Embedding's gather and its gradient, Adam's updates, the Dense head, the loss), and what
 * no kernel accounts for (per-op dispatch, copies between tfjs and the addon, garbage
 * collection). Every kernel of the backend is wrapped with a timer for the measurement, so
 * the total runs a little slower than an unwrapped epoch. Adam's update is its own part:
 * the tfjs kernels it runs (all of them with stock Adam; the accumulated powers' two scalar
 * products with the native one), the native pass (grader/recurrent/fused-adam.ts), and the
 * rest of applyGradients (JavaScript, allocations), which is not in "outside kernels" then.
 */
import * as tf from "@tensorflow/tfjs";
import { FusedAdam, type AdamKernel, type FusedAdamOptions } from "../grader/recurrent/fused-adam";
import { FusedRecurrentLayers } from "../grader/recurrent/fused-layers";
import type { FitBudget } from "../grader/harness/train/fit";
import { NativeTrainer } from "../grader/recurrent/native-fit";
import type { KernelStatus, RnnKernels } from "../grader/recurrent/native-kernels";

export interface EpochSplit {
  /** Seconds for one epoch at `scaleTo` reviews (timed on `samples`, validation split 0.1 included). */
  epochSeconds: number;
  /** Seconds to predict `scaleTo` reviews at batch 256, as the grader does. */
  predictSeconds: number;
  /** Seconds per epoch by part, largest first; "outside kernels" is the remainder. */
  parts: { name: string; seconds: number; calls: number }[];
}

type Timings = Map<string, { ms: number; calls: number }>;

function timed<A extends unknown[], R>(timings: Timings, name: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const start = performance.now();
    try {
      return fn(...args);
    } finally {
      const entry = timings.get(name) ?? { ms: 0, calls: 0 };
      entry.ms += performance.now() - start;
      entry.calls++;
      timings.set(name, entry);
    }
  };
}

const ADAM_TFJS = "Adam update: tfjs kernels";
const ADAM_NATIVE = "Adam update: native pass";
const ADAM_REST = "Adam update: outside kernels (JS, allocation)";

/** Wraps every kernel of `backend` with a timer (those Adam runs under one name); returns how to put them back. */
function wrapKernels(backend: string, timings: Timings, inAdam: () => boolean): () => void {
  const originals = tf.getKernelsForBackend(backend);
  for (const config of originals) {
    tf.unregisterKernel(config.kernelName, backend);
    const byName = timed(timings, config.kernelName, config.kernelFunc as (...a: unknown[]) => unknown);
    const byAdam = timed(timings, ADAM_TFJS, config.kernelFunc as (...a: unknown[]) => unknown);
    const kernelFunc = (...args: unknown[]) => (inAdam() ? byAdam(...args) : byName(...args));
    tf.registerKernel({ ...config, kernelFunc: kernelFunc as typeof config.kernelFunc });
  }
  return () => {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, backend);
      tf.registerKernel(config);
    }
  };
}

/** Wraps AdamOptimizer.prototype.applyGradients (stock or fused) with a timer. */
function wrapAdam(timings: Timings, depth: { n: number }): () => void {
  const map = (tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Record<string, [{ prototype: { applyGradients: (...a: unknown[]) => void } }]> }).classNameMap;
  const proto = map.Adam[0].prototype;
  const original = proto.applyGradients;
  proto.applyGradients = function (this: unknown, ...args: unknown[]) {
    depth.n++;
    const start = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      depth.n--;
      const entry = timings.get(ADAM_REST) ?? { ms: 0, calls: 0 };
      entry.ms += performance.now() - start;
      entry.calls++;
      timings.set(ADAM_REST, entry);
    }
  };
  return () => {
    proto.applyGradients = original;
  };
}

/** The lesson's IMDb model (Embedding 10,000 x 32, LSTM(32), sigmoid Dense) and `samples` reviews of uniform random ids. */
function imdbLstm(samples: number): { model: tf.Sequential; x: tf.Tensor; y: tf.Tensor } {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: 10_000, outputDim: 32, inputLength: 200 }));
  model.add(tf.layers.lstm({ units: 32 }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  const x = tf.tidy(() => tf.randomUniform([samples, 200], 0, 10_000, "int32").toFloat());
  const y = tf.tidy(() => tf.randomUniform([samples, 1]).round());
  return { model, x, y };
}

/**
 * `adam`: "stock" (tfjs's AdamOptimizer) or the native pass (as the train sandbox runs it,
 * or with `weights: "inplace"`).
 */
export async function splitImdbEpoch(
  status: KernelStatus & { available: true },
  samples: number,
  scaleTo: number,
  adam: "stock" | FusedAdamOptions = {},
): Promise<EpochSplit> {
  const timings: Timings = new Map();
  const kernels: RnnKernels = {
    library: status.kernels.library,
    forward: timed(timings, "fused recurrent forward (native)", status.kernels.forward.bind(status.kernels)),
    backward: timed(timings, "fused recurrent backward (native)", status.kernels.backward.bind(status.kernels)),
    adam: status.kernels.adam ? (timed(timings, ADAM_NATIVE, status.kernels.adam.bind(status.kernels)) as AdamKernel) : undefined,
  };
  const layers = new FusedRecurrentLayers({ available: true, library: status.library, kernels });
  layers.install();
  const fusedAdam = adam === "stock" ? null : new FusedAdam({ available: true, library: status.library, kernels }, adam);
  if (fusedAdam && !fusedAdam.install()) throw new Error(`fused Adam unavailable: ${fusedAdam.unavailableReason()}`);
  const depth = { n: 0 };
  const unwrapAdam = wrapAdam(timings, depth);
  const unwrap = wrapKernels(tf.getBackend(), timings, () => depth.n > 0);
  try {
    const { model, x, y } = imdbLstm(samples);
    await model.fit(x.slice(0, 128), y.slice(0, 128), { epochs: 1, batchSize: 64, verbose: 0 });
    timings.clear();
    let start = performance.now();
    await model.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0, yieldEvery: "never", validationSplit: 0.1 });
    const fitMs = performance.now() - start;
    const scale = scaleTo / samples / 1000;
    // applyGradients' time less the kernels inside it: what Adam costs besides its kernels.
    const rest = timings.get(ADAM_REST);
    if (rest) rest.ms -= (timings.get(ADAM_TFJS)?.ms ?? 0) + (timings.get(ADAM_NATIVE)?.ms ?? 0);
    const inKernels = [...timings.values()].reduce((s, t) => s + t.ms, 0);
    const parts = [...timings.entries()].map(([name, t]) => ({ name, seconds: t.ms * scale, calls: Math.round(t.calls * scaleTo / samples) }));
    parts.push({ name: "outside kernels (dispatch, copies, GC)", seconds: (fitMs - inKernels) * scale, calls: 0 });
    start = performance.now();
    const out = model.predict(x, { batchSize: 256 }) as tf.Tensor;
    await out.data();
    const predictMs = performance.now() - start;
    out.dispose();
    x.dispose();
    y.dispose();
    model.dispose();
    return { epochSeconds: fitMs * scale, predictSeconds: predictMs * scale, parts: parts.sort((a, b) => b.seconds - a.seconds) };
  } finally {
    unwrap();
    unwrapAdam();
    fusedAdam?.uninstall();
    layers.uninstall();
  }
}

/**
 * The same epoch as the grader trains it, through its own loop (grader/recurrent/native-fit.ts):
 * each addon call timed (the recurrent forward and backward, Adam's pass per weight, the
 * Embedding's gather and gradient), and the loop's own JavaScript around them (batch copies,
 * the Dense head, the loss). No validation split, as bench:rnn's table.
 */
export async function splitNativeImdbEpoch(status: KernelStatus & { available: true }, samples: number, scaleTo: number): Promise<EpochSplit> {
  const timings: Timings = new Map();
  const k = status.kernels;
  const bind = <F extends (...args: never[]) => unknown>(name: string, f: F | undefined) =>
    f ? (timed(timings, name, f.bind(k) as unknown as (...a: unknown[]) => unknown) as unknown as F) : undefined;
  const kernels: RnnKernels = {
    ...k,
    forward: bind("recurrent forward (native)", k.forward)!,
    backward: bind("recurrent backward (native)", k.backward)!,
    forwardEmbedded: bind("recurrent forward from the Embedding's ids (native)", k.forwardEmbedded),
    backwardEmbedded: bind("recurrent backward into the Embedding's table (native)", k.backwardEmbedded),
    adam: bind("Adam update (native, every weight)", k.adam),
    embeddingGather: bind("Embedding gather (native)", k.embeddingGather),
    embeddingGradient: bind("Embedding gradient (native)", k.embeddingGradient),
  };
  const { model, x, y } = imdbLstm(samples);
  try {
    const plan = new NativeTrainer({ available: true, library: status.library, kernels }).plan(model, x, y);
    if (!plan.ok) throw new Error(`the grader's loop does not take the IMDb model: ${plan.reason}`);
    const start = performance.now();
    const budget: FitBudget = { epochs: 1, batchSize: 64, validationSplit: 0 };
    await plan.trainer.fit(x, y, budget, () => {});
    const fitMs = performance.now() - start;
    const scale = scaleTo / samples / 1000;
    const inKernels = [...timings.values()].reduce((s, t) => s + t.ms, 0);
    const parts = [...timings.entries()].map(([name, t]) => ({ name, seconds: t.ms * scale, calls: Math.round((t.calls * scaleTo) / samples) }));
    parts.push({ name: "the loop's JavaScript (copies, Dense head, loss)", seconds: (fitMs - inKernels) * scale, calls: 0 });
    return { epochSeconds: fitMs * scale, predictSeconds: Number.NaN, parts: parts.sort((a, b) => b.seconds - a.seconds) };
  } finally {
    x.dispose();
    y.dispose();
    model.dispose();
  }
}
