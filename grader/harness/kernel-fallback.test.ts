/**
 * Every layer a Keras student reaches for trains on the wasm backend as it does on cpu.
 *
 * Each model is built twice with the same initial weights, once on cpu and once on wasm with
 * the grader's kernels (selectBackend: fast kernels, cpu fallbacks, convolution gradients),
 * trained for 3 full-batch SGD steps on the same fixed data, and compared: the 3 losses, the
 * predictions after training and every weight (moving statistics too), each within 1e-4 of
 * the largest value compared, or of 1 when all are smaller (float32 sums in another order).
 *
 * Randomness: Dropout and SpatialDropout1D take a fixed `seed`. tfjs draws a seeded mask in
 * JavaScript, the same on both backends (and the same at every step), so their training is
 * compared like the rest, within the same tolerance; a check makes sure the mask really
 * drops. BatchNormalization in training mode uses the batch's statistics: the batch is the
 * same on both sides, so it is compared like the rest too. Unseeded dropout is only run (the
 * leak check), not compared.
 *
 * Not covered: Conv1D's padding "causal" (tfjs-layers 4.22 refuses it on every backend) and
 * a numeric conv2d pad with a non-square filter (wasm's own forward Conv2D writes out of
 * bounds there; no layer passes one).
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NODE_MODULES } from "../paths";
import { selectBackend } from "./backend";
import { setPatchMatrixLimit } from "./conv-gradients";
import { cpuFallbackDataIds } from "./kernel-fallback";

const WASM_DIR = path.join(NODE_MODULES, "@tensorflow", "tfjs-backend-wasm", "dist");
const TOL = 1e-4;
const BATCH = 12;
const STEPS = 8;
const VOCAB = 20;

tf.env().set("PROD", true);

/** A fixed pseudo-random stream (not Math.random: the data must not depend on test order). */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Ids 1..VOCAB-1 with some rows pre-padded by zeros (as padSequences leaves them). */
function idRows(seed: number): number[][] {
  const r = stream(seed);
  return Array.from({ length: BATCH }, (_, b) => Array.from({ length: STEPS }, (_, t) => (t < b % 4 ? 0 : 1 + Math.floor(r() * (VOCAB - 1)))));
}
const floatRows = (seed: number, shape: number[]) => {
  const r = stream(seed);
  return Array.from({ length: shape.reduce((a, d) => a * d, 1) }, () => r() * 2 - 1);
};

interface Case {
  name: string;
  build: () => tf.LayersModel;
  /** Input values and shape; the targets are made from the output shape. */
  x: { values: number[]; shape: number[] };
  loss: "binaryCrossentropy" | "meanSquaredError";
  lr?: number;
}

interface Run {
  losses: number[];
  predictions: number[];
  weights: { name: string; values: number[] }[];
}

function targets(model: tf.LayersModel, seed: number): { values: number[]; shape: number[] } {
  const shape = [BATCH, ...(model.outputs[0].shape.slice(1) as number[])];
  const r = stream(seed);
  return { values: Array.from({ length: shape.reduce((a, d) => a * d, 1) }, () => (r() < 0.5 ? 0 : 1)), shape };
}

/** Builds the case on `backend`, sets `initial` weights (or keeps its own), trains 3 steps. */
async function train(backend: "cpu" | "wasm", c: Case, initial: number[][] | null): Promise<{ run: Run; initial: number[][] }> {
  await tf.setBackend(backend);
  const model = c.build();
  if (initial) {
    model.setWeights(model.getWeights().map((w, i) => tf.tensor(initial[i], w.shape, w.dtype)));
  }
  const start = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.compile({ optimizer: tf.train.sgd(c.lr ?? 0.5), loss: c.loss });
  const x = tf.tensor(c.x.values, c.x.shape);
  const t = targets(model, 99);
  const y = tf.tensor(t.values, t.shape);
  const history = await model.fit(x, y, { batchSize: BATCH, epochs: 3, shuffle: false, verbose: 0 });
  const predictions = Array.from((model.predict(x) as tf.Tensor).dataSync());
  const names = model.weights.map((w) => w.originalName);
  const weights = model.getWeights().map((w, i) => ({ name: names[i], values: Array.from(w.dataSync()) }));
  tf.dispose([x, y]);
  model.dispose();
  return { run: { losses: history.history.loss as number[], predictions, weights }, initial: start };
}

/** Largest |a - b| over the largest |b| (at least 1): 0 when equal. */
function gap(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  let m = 1;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return Number.isNaN(d) || a.some((v) => !Number.isFinite(v)) ? Infinity : d / m;
}

async function compare(c: Case): Promise<{ cpu: Run; wasm: Run }> {
  const cpu = await train("cpu", c, null);
  const wasm = await train("wasm", c, cpu.initial);
  expect(gap(wasm.run.losses, cpu.run.losses), `${c.name}: losses ${wasm.run.losses} vs ${cpu.run.losses}`).toBeLessThan(TOL);
  expect(gap(wasm.run.predictions, cpu.run.predictions), `${c.name}: predictions`).toBeLessThan(TOL);
  for (let i = 0; i < cpu.run.weights.length; i++) {
    expect(gap(wasm.run.weights[i].values, cpu.run.weights[i].values), `${c.name}: weight ${cpu.run.weights[i].name}`).toBeLessThan(TOL);
  }
  // Training moved the model: the comparison is not of two untouched copies.
  expect(cpu.run.losses[2]).not.toBe(cpu.run.losses[0]);
  return { cpu: cpu.run, wasm: wasm.run };
}

const ids = (seed: number) => ({ values: idRows(seed).flat(), shape: [BATCH, STEPS] });
const embedding = (args: Partial<{ maskZero: boolean }> = {}) => tf.layers.embedding({ inputDim: VOCAB, outputDim: 6, inputLength: STEPS, ...args });
const sigmoidOut = () => tf.layers.dense({ units: 1, activation: "sigmoid" });
function seq(...layers: tf.layers.Layer[]): tf.LayersModel {
  return tf.sequential({ layers });
}

const SEQUENCE_CASES: Case[] = [
  {
    name: "Conv1D (same, relu) + MaxPooling1D + Conv1D (valid, stride 2) + GlobalAveragePooling1D",
    build: () => seq(embedding(), tf.layers.conv1d({ filters: 5, kernelSize: 3, padding: "same", activation: "relu" }), tf.layers.maxPooling1d({ poolSize: 2 }),
      tf.layers.conv1d({ filters: 4, kernelSize: 2, strides: 2 }), tf.layers.globalAveragePooling1d(), sigmoidOut()),
    x: ids(1), loss: "binaryCrossentropy",
  },
  {
    name: "Conv1D (valid, kernel 5) + AveragePooling1D + GlobalMaxPooling1D",
    build: () => seq(embedding(), tf.layers.conv1d({ filters: 6, kernelSize: 5, activation: "tanh" }), tf.layers.averagePooling1d({ poolSize: 2 }),
      tf.layers.globalMaxPooling1d(), sigmoidOut()),
    x: ids(2), loss: "binaryCrossentropy",
  },
  {
    // (padding "causal" is not implemented by tfjs-layers 4.22 on any backend.)
    name: "Conv1D on float inputs (same, stride 2), then Flatten",
    build: () => seq(tf.layers.conv1d({ inputShape: [STEPS, 3], filters: 4, kernelSize: 3, strides: 2, padding: "same", activation: "elu" }), tf.layers.flatten(), sigmoidOut()),
    x: { values: floatRows(3, [BATCH, STEPS, 3]), shape: [BATCH, STEPS, 3] }, loss: "binaryCrossentropy",
  },
  {
    name: "Keras's imdb_cnn_lstm: Embedding, Dropout, Conv1D, MaxPooling1D(4), LSTM, Dense(sigmoid)",
    build: () => seq(embedding(), tf.layers.dropout({ rate: 0.25, seed: 11 }), tf.layers.conv1d({ filters: 8, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling1d({ poolSize: 2 }), tf.layers.lstm({ units: 5 }), sigmoidOut()),
    x: ids(4), loss: "binaryCrossentropy",
  },
  { name: "GRU", build: () => seq(embedding(), tf.layers.gru({ units: 6 }), sigmoidOut()), x: ids(5), loss: "binaryCrossentropy" },
  {
    name: "SimpleRNN (returnSequences) + Flatten",
    build: () => seq(embedding(), tf.layers.simpleRNN({ units: 5, returnSequences: true }), tf.layers.flatten(), sigmoidOut()),
    x: ids(6), loss: "binaryCrossentropy",
  },
  { name: "LSTM", build: () => seq(embedding(), tf.layers.lstm({ units: 6 }), sigmoidOut()), x: ids(7), loss: "binaryCrossentropy" },
  {
    name: "Bidirectional(LSTM)",
    build: () => seq(embedding(), tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 4 }) as tf.RNN, mergeMode: "concat" }), sigmoidOut()),
    x: ids(8), loss: "binaryCrossentropy",
  },
  {
    name: "TimeDistributed(Dense) over an LSTM's sequence",
    build: () => seq(embedding(), tf.layers.lstm({ units: 5, returnSequences: true }), tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3, activation: "relu" }) }),
      tf.layers.flatten(), sigmoidOut()),
    x: ids(9), loss: "binaryCrossentropy",
  },
  {
    name: "BatchNormalization on the embeddings and on a Dense layer (training mode: batch statistics)",
    build: () => seq(embedding(), tf.layers.batchNormalization(), tf.layers.lstm({ units: 5 }), tf.layers.dense({ units: 4 }), tf.layers.batchNormalization(), sigmoidOut()),
    x: ids(10), loss: "binaryCrossentropy",
  },
  {
    name: "Dropout (seeded) before and after an LSTM",
    build: () => seq(embedding(), tf.layers.dropout({ rate: 0.3, seed: 5 }), tf.layers.lstm({ units: 5 }), tf.layers.dropout({ rate: 0.2, seed: 6 }), sigmoidOut()),
    x: ids(11), loss: "binaryCrossentropy",
  },
  {
    name: "SpatialDropout1D (seeded) on the embeddings",
    build: () => seq(embedding(), tf.layers.spatialDropout1d({ rate: 0.3, seed: 8 }), tf.layers.lstm({ units: 5 }), sigmoidOut()),
    x: ids(12), loss: "binaryCrossentropy",
  },
  {
    name: "Embedding with maskZero into an LSTM",
    build: () => seq(embedding({ maskZero: true }), tf.layers.lstm({ units: 5 }), sigmoidOut()),
    x: ids(13), loss: "binaryCrossentropy",
  },
  {
    name: "Embedding without a mask into an LSTM",
    build: () => seq(embedding({ maskZero: false }), tf.layers.lstm({ units: 5 }), sigmoidOut()),
    x: ids(13), loss: "binaryCrossentropy",
  },
  { name: "Flatten", build: () => seq(embedding(), tf.layers.flatten(), tf.layers.dense({ units: 4, activation: "relu" }), sigmoidOut()), x: ids(14), loss: "binaryCrossentropy" },
  {
    name: "Concatenate (functional): an LSTM branch beside a pooled branch",
    build: () => {
      const input = tf.input({ shape: [STEPS] });
      const vectors = embedding().apply(input) as tf.SymbolicTensor;
      const a = tf.layers.lstm({ units: 4 }).apply(vectors) as tf.SymbolicTensor;
      const b = tf.layers.dense({ units: 3, activation: "tanh" }).apply(tf.layers.globalAveragePooling1d().apply(vectors)) as tf.SymbolicTensor;
      const joined = tf.layers.concatenate().apply([a, b]) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: sigmoidOut().apply(joined) as tf.SymbolicTensor });
    },
    x: ids(15), loss: "binaryCrossentropy",
  },
  {
    name: "Add (functional): a GRU and a Dense of the same pooled input",
    build: () => {
      const input = tf.input({ shape: [STEPS] });
      const vectors = embedding().apply(input) as tf.SymbolicTensor;
      const a = tf.layers.gru({ units: 4 }).apply(vectors) as tf.SymbolicTensor;
      const b = tf.layers.dense({ units: 4 }).apply(tf.layers.globalMaxPooling1d().apply(vectors)) as tf.SymbolicTensor;
      const sum = tf.layers.add().apply([a, b]) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: sigmoidOut().apply(sum) as tf.SymbolicTensor });
    },
    x: ids(16), loss: "binaryCrossentropy",
  },
];

/** Every activation tfjs-layers 4.22 knows by name (its ActivationIdentifier). */
const ACTIVATIONS = ["elu", "hardSigmoid", "linear", "relu", "relu6", "selu", "sigmoid", "softmax", "softplus", "softsign", "tanh", "swish", "mish", "gelu", "gelu_new"] as const;

const DENSE_CASES: Case[] = ACTIVATIONS.map((activation, i) => ({
  name: `Dense(${activation})`,
  build: () => seq(tf.layers.dense({ inputShape: [6], units: 5, activation: activation as never }), tf.layers.dense({ units: 2, activation: activation as never })),
  x: { values: floatRows(100 + i, [BATCH, 6]).map((v) => 3 * v), shape: [BATCH, 6] },
  loss: "meanSquaredError",
  lr: 0.2,
}));

describe("the wasm backend as tfjs ships it", () => {
  it("has no Conv2DBackpropFilter: a Conv1D cannot train there without the fallbacks", async () => {
    setWasmPaths(WASM_DIR + path.sep);
    expect(await tf.setBackend("wasm")).toBe(true);
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeUndefined();
    const model = seq(tf.layers.conv1d({ inputShape: [STEPS, 2], filters: 2, kernelSize: 3 }), tf.layers.flatten(), tf.layers.dense({ units: 1 }));
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    await expect(model.fit(tf.ones([2, STEPS, 2]), tf.ones([2, 1]), { verbose: 0 })).rejects.toThrow(/Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'/);
    model.dispose();
  });
});

describe("with the grader's kernels", () => {
  beforeAll(async () => {
    const selected = await selectBackend("wasm", WASM_DIR);
    expect(selected.backend).toBe("wasm");
    expect(selected.fastKernels).toEqual(["GatherV2", "UnsortedSegmentSum"]);
    // Everything tfjs-backend-cpu 4.22 has and wasm lacks, but the complex-number kernels.
    expect(selected.cpuFallbacks).toEqual([
      "Conv2DBackpropFilter", "DepthwiseConv2dNativeBackpropFilter", "DepthwiseConv2dNativeBackpropInput", "Draw", "Einsum",
      "RaggedGather", "RaggedRange", "RaggedTensorToTensor", "StaticRegexReplace",
    ]);
    expect(selected.convGradients).toEqual(["Conv2DBackpropInput"]);
    // Selecting again registers nothing twice.
    expect(await selectBackend("wasm", WASM_DIR)).toEqual(selected);
  });

  describe("every layer kind trains on wasm as on cpu", () => {
    for (const c of SEQUENCE_CASES) it(c.name, async () => {
      await compare(c);
    });
  });

  describe("Dense with every activation trains on wasm as on cpu", () => {
    for (const c of DENSE_CASES) it(c.name, async () => {
      await compare(c);
    });
  });

  it("the seeded dropout in those comparisons really drops, the same units on both backends", async () => {
    for (const backend of ["cpu", "wasm"] as const) {
      await tf.setBackend(backend);
      const layer = tf.layers.dropout({ rate: 0.5, seed: 5 });
      const spatial = tf.layers.spatialDropout1d({ rate: 0.5, seed: 8 });
      const x = tf.ones([4, 6, 3]);
      const kept = (layer.apply(x, { training: true }) as tf.Tensor).arraySync() as number[][][];
      const flat = kept.flat(2);
      expect(flat.filter((v) => v === 0).length).toBeGreaterThan(10);
      expect(flat.filter((v) => v === 2).length).toBeGreaterThan(10);
      const spatialKept = (spatial.apply(x, { training: true }) as tf.Tensor).arraySync() as number[][][];
      // One draw per (example, channel), repeated over the steps.
      for (const example of spatialKept) for (let ch = 0; ch < 3; ch++) expect(new Set(example.map((step) => step[ch])).size).toBe(1);
      expect(spatialKept.flat(2).some((v) => v === 0)).toBe(true);
      x.dispose();
    }
  });

  describe("the convolution gradients match cpu's", () => {
    const CONFIGS: { x: [number, number, number, number]; filter: [number, number, number, number]; strides: [number, number]; pad: "same" | "valid" | number }[] = [
      { x: [3, 1, 11, 4], filter: [1, 5, 4, 6], strides: [1, 1], pad: "valid" },
      { x: [3, 1, 11, 4], filter: [1, 5, 4, 6], strides: [1, 2], pad: "same" },
      { x: [2, 7, 6, 3], filter: [3, 3, 3, 5], strides: [2, 2], pad: "same" },
      { x: [2, 7, 6, 3], filter: [2, 3, 3, 2], strides: [1, 2], pad: "valid" },
      // (Not a numeric pad with a non-square filter: wasm's own forward Conv2D writes out of
      // bounds there. The layers only ever pass "same" or "valid".)
      { x: [2, 5, 5, 17], filter: [3, 2, 17, 4], strides: [1, 1], pad: "same" },
      { x: [2, 5, 6, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 1 },
      { x: [1, 4, 4, 2], filter: [4, 4, 2, 3], strides: [3, 3], pad: "same" },
    ];

    /** Both gradients of sum(conv2d(x, w) * r), on `backend`. */
    async function grads(backend: "cpu" | "wasm", cfg: (typeof CONFIGS)[number], seed: number) {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const x = tf.tensor(floatRows(seed, cfg.x), cfg.x) as tf.Tensor4D;
        const w = tf.tensor(floatRows(seed + 1, cfg.filter), cfg.filter) as tf.Tensor4D;
        const outShape = tf.conv2d(x, w, cfg.strides, cfg.pad).shape;
        const r = tf.tensor(floatRows(seed + 2, outShape), outShape);
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, cfg.strides, cfg.pad), r)))([x, w]);
        return { dx: Array.from(dx.dataSync()), dw: Array.from(dw.dataSync()) };
      });
    }

    it.each(CONFIGS.map((c, i) => [i, c] as const))("case %i: %j", async (i, cfg) => {
      const cpu = await grads("cpu", cfg, 10 * i);
      const wasm = await grads("wasm", cfg, 10 * i);
      expect(gap(wasm.dx, cpu.dx)).toBeLessThan(1e-5);
      expect(gap(wasm.dw, cpu.dw)).toBeLessThan(1e-5);
      // In slices of a few output positions, the same sums.
      const old = setPatchMatrixLimit(40);
      try {
        const sliced = await grads("wasm", cfg, 10 * i);
        expect(gap(sliced.dx, cpu.dx)).toBeLessThan(1e-5);
        expect(gap(sliced.dw, cpu.dw)).toBeLessThan(1e-5);
      } finally {
        setPatchMatrixLimit(old);
      }
    });

    it("the NCHW layout, which the fast path leaves alone, goes to the cpu kernel", async () => {
      const attrs = { strides: [1, 2], pad: "same", dataFormat: "NCHW", dimRoundingMode: undefined, filterShape: [2, 3, 3, 4] };
      const run = async (backend: "cpu" | "wasm") => {
        await tf.setBackend(backend);
        const x = tf.tensor(floatRows(1, [2, 3, 5, 6]), [2, 3, 5, 6]);
        const dy = tf.tensor(floatRows(2, [2, 4, 5, 3]), [2, 4, 5, 3]);
        const dw = tf.engine().runKernel("Conv2DBackpropFilter", { x, dy }, attrs as never) as tf.Tensor;
        const out = Array.from(dw.dataSync());
        tf.dispose([x, dy, dw]);
        return out;
      };
      expect(gap(await run("wasm"), await run("cpu"))).toBeLessThan(1e-5);
      expect(cpuFallbackDataIds()).toBe(0);
    });
  });

  describe("the bridged kernels give cpu's answers", () => {
    async function both<T>(f: () => T): Promise<{ cpu: T; wasm: T }> {
      await tf.setBackend("cpu");
      const cpu = f();
      await tf.setBackend("wasm");
      const wasm = f();
      return { cpu, wasm };
    }

    it("DepthwiseConv2D and SeparableConv2D layers train (their gradients are bridged)", async () => {
      for (const layer of ["depthwiseConv2d", "separableConv2d"] as const) {
        await compare({
          name: layer,
          build: () => seq(
            layer === "depthwiseConv2d"
              ? tf.layers.depthwiseConv2d({ inputShape: [5, 5, 2], kernelSize: 3, depthMultiplier: 2, activation: "relu" })
              : tf.layers.separableConv2d({ inputShape: [5, 5, 2], filters: 3, kernelSize: 3, padding: "same", activation: "relu" }),
            tf.layers.flatten(), sigmoidOut(),
          ),
          x: { values: floatRows(7, [BATCH, 5, 5, 2]), shape: [BATCH, 5, 5, 2] },
          loss: "binaryCrossentropy",
        });
      }
      expect(cpuFallbackDataIds()).toBe(0);
    });

    it("Einsum (inputs as a list), RaggedRange (outputs as a list), StaticRegexReplace (strings)", async () => {
      const einsum = await both(() => tf.tidy(() => Array.from(tf.einsum("ij,jk->ik", tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor2d([[1, 0, 2], [0, 1, 3]])).dataSync())));
      expect(einsum.wasm).toEqual(einsum.cpu);
      expect(einsum.wasm).toEqual([1, 2, 8, 3, 4, 18, 5, 6, 28]);
      const ragged = await both(() => {
        const r = tf.raggedRange(tf.tensor1d([0, 5, 8], "int32"), tf.tensor1d([3, 5, 12], "int32"), tf.tensor1d([1, 1, 2], "int32"));
        const out = { splits: Array.from(r.rtNestedSplits.dataSync()), values: Array.from(r.rtDenseValues.dataSync()), dtype: r.rtDenseValues.dtype };
        tf.dispose([r.rtNestedSplits, r.rtDenseValues]);
        return out;
      });
      expect(ragged.wasm).toEqual(ragged.cpu);
      expect(ragged.wasm).toEqual({ splits: [0, 3, 3, 5], values: [0, 1, 2, 8, 10], dtype: "int32" });
      const replaced = await both(() => {
        const t = tf.string.staticRegexReplace(tf.tensor1d(["a cat", "the cat sat"], "string"), "cat", "dog", true);
        const out = t.arraySync();
        t.dispose();
        return out;
      });
      expect(replaced.wasm).toEqual(["a dog", "the dog sat"]);
      expect(replaced.wasm).toEqual(replaced.cpu);
      expect(cpuFallbackDataIds()).toBe(0);
    });

    it("an error of the cpu kernel reaches the caller, and leaves nothing behind", async () => {
      await tf.setBackend("wasm");
      const before = tf.memory().numTensors;
      expect(() => tf.tidy(() => tf.einsum("ij,jk->ik", tf.ones([2, 3]), tf.ones([4, 2])))).toThrow();
      expect(tf.memory().numTensors).toBe(before);
      expect(cpuFallbackDataIds()).toBe(0);
    });
  });

  it("training leaks nothing: tensors and wasm buffers stay level across epochs, the cpu helper holds none", async () => {
    await tf.setBackend("wasm");
    const wasm = tf.engine().backend;
    const x = tf.tensor(idRows(3).flat(), [BATCH, STEPS]);
    const y = tf.tensor(Array.from({ length: BATCH }, (_, i) => i % 2), [BATCH, 1]);
    const models = [
      seq(embedding(), tf.layers.dropout({ rate: 0.25 }), tf.layers.conv1d({ filters: 8, kernelSize: 3, activation: "relu" }), tf.layers.maxPooling1d({ poolSize: 2 }), tf.layers.lstm({ units: 5 }), sigmoidOut()),
      seq(embedding(), tf.layers.reshape({ targetShape: [STEPS, 6, 1] }), tf.layers.separableConv2d({ filters: 2, kernelSize: 3 }), tf.layers.flatten(), sigmoidOut()),
    ];
    for (const model of models) {
      model.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
      await model.fit(x, y, { batchSize: 4, epochs: 1, verbose: 0 });
      const tensors = tf.memory().numTensors;
      const buffers = wasm.numDataIds();
      await model.fit(x, y, { batchSize: 4, epochs: 3, verbose: 0 });
      expect(tf.memory().numTensors).toBe(tensors);
      expect(wasm.numDataIds()).toBe(buffers);
      expect(cpuFallbackDataIds()).toBe(0);
      model.dispose();
    }
    tf.dispose([x, y]);
  });
});
