/**
 * The grader's native training loop against tfjs's fit (with the fused layers and Adam, as the
 * sandbox trains without it): the same models, weights and seeded shuffle, a few epochs each;
 * the epoch logs (same keys, values within 1e-3 relative) and every trained weight (within
 * 2e-3 of its largest value) must agree. Sums run in another order, so not to the bit. Then
 * what it leaves to tfjs, each with its reason.
 */
import * as tf from "@tensorflow/tfjs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitWithinBudget, type EpochReport, type FitBudget } from "../harness/train/fit";
import { selectBackend } from "../harness/backend";
import { seedMathRandom } from "../harness/seeded-random";
import { NODE_MODULES, REPO_ROOT } from "../paths";
import { FusedAdam } from "./fused-adam";
import { FusedRecurrentLayers } from "./fused-layers";
import { jsKernels } from "./js-kernels";
import { NativeTrainer } from "./native-fit";
import { builtAddonPath, loadKernels } from "./native-kernels";

const status = loadKernels(builtAddonPath(REPO_ROOT));
const LOG_TOLERANCE = 1e-3;
const WEIGHT_TOLERANCE = 2e-3;

/** A deterministic stream in [0, 1). */
function stream(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

interface Case {
  name: string;
  build(): tf.LayersModel;
  data(): { x: tf.Tensor; y: tf.Tensor };
  budget: FitBudget;
}

const sineData = (n: number, T: number) => () => {
  const r = stream(7);
  const x = Float32Array.from({ length: n * T }, (_, i) => Math.sin(i * 0.3) + 0.1 * (r() - 0.5));
  const y = Float32Array.from({ length: n }, (_, i) => Math.sin((i + 1) * T * 0.3));
  return { x: tf.tensor3d(x, [n, T, 1]), y: tf.tensor2d(y, [n, 1]) };
};

const idsData = (n: number, T: number, vocab: number, padded: boolean) => () => {
  const r = stream(11);
  const ids = new Float32Array(n * T), labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const pad = padded ? Math.floor(r() * T * 0.6) : 0;
    let pos = 0;
    for (let t = 0; t < T; t++) {
      const id = t < pad ? 0 : 1 + Math.floor(r() * (vocab - 1));
      ids[i * T + t] = id;
      if (id > 0 && id < vocab / 3) pos++;
    }
    labels[i] = pos > (T - pad) / 3 ? 1 : 0;
  }
  return { x: tf.tensor2d(ids, [n, T]), y: tf.tensor2d(labels, [n, 1]) };
};

const sequential = (layers: tf.layers.Layer[], compile: tf.ModelCompileArgs) => {
  const m = tf.sequential({ layers });
  m.compile(compile);
  return m;
};

const CASES: Case[] = [
  ...(["lstm", "gru", "simpleRNN"] as const).map((cell) => ({
    name: `sine-like ${cell} + Dense, MSE, validation split`,
    build: () => sequential([tf.layers[cell]({ units: 12, inputShape: [10, 1] }), tf.layers.dense({ units: 1 })], { optimizer: tf.train.adam(0.01), loss: "meanSquaredError" }),
    data: sineData(90, 10),
    budget: { epochs: 3, batchSize: 16, validationSplit: 0.2 },
  })),
  {
    name: "stacked LSTMs (returnSequences), a relu hidden Dense, MAE, goBackwards on the first",
    build: () => sequential(
      [
        tf.layers.lstm({ units: 8, inputShape: [8, 2], returnSequences: true, goBackwards: true }),
        tf.layers.gru({ units: 6, activation: "relu", recurrentActivation: "hardSigmoid" }),
        tf.layers.dense({ units: 5, activation: "relu" }),
        tf.layers.dense({ units: 2, activation: "tanh", useBias: false }),
      ],
      { optimizer: tf.train.adam(0.005, 0.8, 0.99, 1e-6), loss: "meanAbsoluteError" },
    ),
    data: () => {
      const r = stream(3);
      return { x: tf.tensor3d(Float32Array.from({ length: 70 * 16 }, () => r() - 0.5), [70, 8, 2]), y: tf.tensor2d(Float32Array.from({ length: 140 }, () => r() - 0.5), [70, 2]) };
    },
    budget: { epochs: 3, batchSize: 32, validationSplit: 0 },
  },
  {
    name: "imdb-like: Embedding + LSTM + sigmoid Dense, binary cross-entropy, accuracy",
    build: () => sequential(
      [tf.layers.embedding({ inputDim: 40, outputDim: 6, inputLength: 12 }), tf.layers.lstm({ units: 8 }), tf.layers.dense({ units: 1, activation: "sigmoid" })],
      { optimizer: tf.train.adam(0.02), loss: "binaryCrossentropy", metrics: ["accuracy"] },
    ),
    data: idsData(100, 12, 40, false),
    budget: { epochs: 3, batchSize: 16, validationSplit: 0.1 },
  },
  {
    name: "flags given as 1, as a description's JSON may (tfjs reads them for truthiness): maskZero, returnSequences, goBackwards",
    build: () => sequential(
      [
        tf.layers.embedding({ inputDim: 30, outputDim: 5, inputLength: 14, maskZero: 1 as unknown as boolean }),
        tf.layers.lstm({ units: 6, returnSequences: 1 as unknown as boolean, goBackwards: 1 as unknown as boolean }),
        tf.layers.simpleRNN({ units: 4 }),
        tf.layers.dense({ units: 1, activation: "sigmoid" }),
      ],
      { optimizer: "adam", loss: "binaryCrossentropy" },
    ),
    data: idsData(60, 14, 30, true),
    budget: { epochs: 2, batchSize: 20, validationSplit: 0.2 },
  },
  {
    name: "Embedding with maskZero (padded reviews) feeding stacked LSTMs",
    build: () => sequential(
      [
        tf.layers.embedding({ inputDim: 30, outputDim: 5, inputLength: 14, maskZero: true }),
        tf.layers.lstm({ units: 6, returnSequences: true }),
        tf.layers.simpleRNN({ units: 4 }),
        tf.layers.dense({ units: 1, activation: "sigmoid" }),
      ],
      { optimizer: "adam", loss: "binaryCrossentropy", metrics: ["acc"] },
    ),
    data: idsData(80, 14, 30, true),
    budget: { epochs: 3, batchSize: 20, validationSplit: 0.25 },
  },
];

/** Trains a fresh copy of the case's model from the same weights and Math.random seed. */
async function train(c: Case, weights: tf.Tensor[], native: NativeTrainer | undefined) {
  const model = c.build();
  model.setWeights(weights);
  const { x, y } = c.data();
  seedMathRandom(1234);
  const logs: EpochReport["logs"][] = [];
  const use = await fitWithinBudget(model, x, y, c.budget, (r) => void logs.push(r.logs), { native });
  const trained = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  model.dispose();
  x.dispose();
  y.dispose();
  return { use, logs, trained };
}

describe.skipIf(!status.available)("the grader's native training loop", () => {
  const fused = status.available ? new FusedRecurrentLayers(status) : null;
  const adam = status.available ? new FusedAdam(status) : null;
  const native = new NativeTrainer(status);
  beforeAll(async () => {
    await selectBackend("wasm", path.join(NODE_MODULES, "@tensorflow", "tfjs-backend-wasm", "dist"));
    fused!.install();
    adam!.install();
  });
  afterAll(() => {
    adam!.uninstall();
    fused!.uninstall();
  });

  // The addon's kernels (the sandbox) and their TypeScript port (the browser's practice run).
  const providers = [
    { name: "addon", trainer: native },
    { name: "TypeScript kernels", trainer: new NativeTrainer({ available: true, library: "js", kernels: jsKernels }) },
  ];
  for (const provider of providers) for (const c of CASES) {
    it(`trains as tfjs's fit does (${provider.name}): ${c.name}`, async () => {
      const initial = c.build();
      const weights = initial.getWeights().map((w) => w.clone());
      initial.dispose();
      const stock = await train(c, weights, undefined);
      const ours = await train(c, weights, provider.trainer);
      expect(stock.use.path).toBe("tfjs");
      expect(ours.use).toEqual({ path: "native", reason: null });
      expect(ours.logs.length).toBe(c.budget.epochs);
      for (const [e, logs] of ours.logs.entries()) {
        expect(Object.keys(logs).sort()).toEqual(Object.keys(stock.logs[e]).sort());
        for (const [key, value] of Object.entries(logs)) {
          const expected = stock.logs[e][key];
          expect(Math.abs(value - expected), `epoch ${e} ${key}: ${value} vs ${expected}`).toBeLessThanOrEqual(LOG_TOLERANCE * Math.max(1, Math.abs(expected)));
        }
      }
      ours.trained.forEach((w, i) => {
        const ref = stock.trained[i];
        let diff = 0, scale = 0;
        for (let k = 0; k < w.length; k++) {
          diff = Math.max(diff, Math.abs(w[k] - ref[k]));
          scale = Math.max(scale, Math.abs(ref[k]));
        }
        expect(diff / (scale || 1), `weight ${i}`).toBeLessThanOrEqual(WEIGHT_TOLERANCE);
      });
      // It trained: the weights moved from where they started.
      expect(ours.trained.some((w, i) => w.some((v, k) => v !== weights[i].dataSync()[k]))).toBe(true);
      weights.forEach((w) => w.dispose());
    });
  }

  it("stops where fit's callbacks would: after the batch in which shouldStop turned true", async () => {
    const c = CASES[0];
    const model = c.build();
    const { x, y } = c.data();
    let batches = 0;
    const logs: EpochReport[] = [];
    const use = await fitWithinBudget(model, x, y, { epochs: 5, batchSize: 8, validationSplit: 0 }, (r) => void logs.push(r), { native, shouldStop: () => ++batches > 4 });
    expect(use.path).toBe("native");
    // Checked at the epoch's start and after each batch: the fourth batch ends it.
    expect(logs.length).toBe(1);
    expect(logs[0].epoch).toBe(0);
    model.dispose();
    x.dispose();
    y.dispose();
  });

  const FALLBACKS: { name: string; build(): tf.LayersModel; reason: RegExp; targets?: number }[] = [
    { name: "dropout", build: () => sequential([tf.layers.lstm({ units: 4, inputShape: [10, 1], dropout: 0.2 }), tf.layers.dense({ units: 1 })], { optimizer: "adam", loss: "meanSquaredError" }), reason: /dropout/ },
    { name: "SGD", build: () => sequential([tf.layers.lstm({ units: 4, inputShape: [10, 1] }), tf.layers.dense({ units: 1 })], { optimizer: "sgd", loss: "meanSquaredError" }), reason: /optimizer SGD/ },
    { name: "a regularizer", build: () => sequential([tf.layers.lstm({ units: 4, inputShape: [10, 1], kernelRegularizer: "l1l2" }), tf.layers.dense({ units: 1 })], { optimizer: "adam", loss: "meanSquaredError" }), reason: /kernelRegularizer/ },
    { name: "a frozen layer", build: () => sequential([tf.layers.lstm({ units: 4, inputShape: [10, 1], trainable: false }), tf.layers.dense({ units: 1 })], { optimizer: "adam", loss: "meanSquaredError" }), reason: /frozen/ },
    { name: "a Flatten", build: () => sequential([tf.layers.lstm({ units: 4, inputShape: [10, 1], returnSequences: true }), tf.layers.flatten(), tf.layers.dense({ units: 1 })], { optimizer: "adam", loss: "meanSquaredError" }), reason: /Flatten/ },
    { name: "a metric it does not compute", build: () => sequential([tf.layers.lstm({ units: 4, inputShape: [10, 1] }), tf.layers.dense({ units: 1 })], { optimizer: "adam", loss: "meanSquaredError", metrics: ["mae"] }), reason: /metrics/ },
    {
      name: "categorical accuracy (several outputs, not binary cross-entropy)",
      build: () => sequential([tf.layers.lstm({ units: 4, inputShape: [10, 1] }), tf.layers.dense({ units: 3 })], { optimizer: "adam", loss: "meanSquaredError", metrics: ["accuracy"] }),
      reason: /categorical accuracy/,
      targets: 3,
    },
    { name: "another loss", build: () => sequential([tf.layers.lstm({ units: 4, inputShape: [10, 1] }), tf.layers.dense({ units: 1 })], { optimizer: "adam", loss: "meanAbsolutePercentageError" }), reason: /loss meanAbsolutePercentageError/ },
    {
      name: "a branch (functional model)",
      build: () => {
        const input = tf.input({ shape: [10, 1] });
        const a = tf.layers.lstm({ units: 4 }).apply(input) as tf.SymbolicTensor;
        const b = tf.layers.gru({ units: 4 }).apply(input) as tf.SymbolicTensor;
        const out = tf.layers.dense({ units: 1 }).apply(tf.layers.concatenate().apply([a, b]) as tf.SymbolicTensor) as tf.SymbolicTensor;
        const m = tf.model({ inputs: input, outputs: out });
        m.compile({ optimizer: "adam", loss: "meanSquaredError" });
        return m;
      },
      reason: /plain chain/,
    },
  ];
  for (const f of FALLBACKS) {
    it(`leaves ${f.name} to tfjs's fit, and says why`, async () => {
      const model = f.build();
      const { x, y: one } = sineData(20, 10)();
      const y = f.targets ? tf.tile(one, [1, f.targets]) : one;
      if (f.targets) one.dispose();
      const use = await fitWithinBudget(model, x, y, { epochs: 1, batchSize: 10, validationSplit: 0 }, () => {}, { native });
      expect(use.path).toBe("tfjs");
      expect(use.reason).toMatch(f.reason);
      model.dispose();
      x.dispose();
      y.dispose();
    });
  }

  it("leaves ids outside the Embedding's vocabulary to tfjs (its own error or behaviour)", () => {
    const model = sequential([tf.layers.embedding({ inputDim: 10, outputDim: 3, inputLength: 4 }), tf.layers.lstm({ units: 2 }), tf.layers.dense({ units: 1 })], { optimizer: "adam", loss: "meanSquaredError" });
    for (const bad of [10, -1, 2.5]) {
      const x = tf.tensor2d([[1, 2, 3, bad]]), y = tf.tensor2d([[1]]);
      const plan = native.plan(model, x, y);
      expect(plan.ok).toBe(false);
      expect(plan.ok ? "" : plan.reason).toMatch(/outside the Embedding/);
      x.dispose();
      y.dispose();
    }
    model.dispose();
  });

  it("the addon's Embedding passes refuse an id outside the table, and a table that does not match", () => {
    if (!status.available) return;
    const k = status.kernels;
    const table = Float32Array.from({ length: 12 }, (_, i) => i), out = new Float32Array(6);
    k.embeddingGather!(table, 3, Float32Array.of(3, 0), out);
    expect(Array.from(out)).toEqual([9, 10, 11, 0, 1, 2]);
    expect(() => k.embeddingGather!(table, 3, Float32Array.of(1, 4), out)).toThrow(/id 4 at 1 is outside the table's 4 rows/);
    expect(() => k.embeddingGather!(table, 3, Float32Array.of(-1, 0), out)).toThrow(RangeError);
    expect(() => k.embeddingGather!(table, 5, Float32Array.of(1, 0), out)).toThrow(/do not match/);
    const grad = new Float32Array(12).fill(7);
    k.embeddingGradient!(grad, 3, Float32Array.of(2, 2), Float32Array.of(1, 2, 3, 10, 20, 30));
    expect(Array.from(grad)).toEqual([0, 0, 0, 0, 0, 0, 11, 22, 33, 0, 0, 0]);
  });

  it.each([["LSTM", 0], ["GRU", 1], ["SimpleRNN", 2]])(
    "the addon's passes through an Embedding's rows by id (%s): forward's gates and outputs to the bit, backward's weight gradients and the table's gradient",
    (_, cell) => {
      if (!status.available) return expect.fail(status.reason);
      const k = status.kernels;
      const G = [4, 3, 1][cell as number], B = 5, T = 7, D = 3, H = 9, n = B * T, vocab = 11, GH = G * H;
      const r = stream(5);
      const rand = (len: number) => Float32Array.from({ length: len }, () => r() - 0.5);
      // Backwards, every step's output, ids repeated across rows and steps, some never read, some steps masked.
      const meta = Int32Array.of(cell as number, 1, 3, B, T, D, H, 1, 1);
      const table = rand(vocab * D), ids = Float32Array.from({ length: n }, (_, i) => (i * 7) % (vocab - 2));
      const mask = Float32Array.from({ length: n }, (_, i) => (i % 5 === 3 ? 0 : 1));
      const x = new Float32Array(n * D);
      k.embeddingGather!(table, D, ids, x);
      const w = rand(D * GH), u = rand(H * GH), bias = rand(GH), gates = new Float32Array(n * GH), hprev = new Float32Array(n * H), y = new Float32Array(n * H);
      const cs = cell === 0 ? new Float32Array(n * H) : null, rh = cell === 1 ? new Float32Array(n * H) : null;
      k.forward(meta, x, w, u, bias, null, mask, y, gates, hprev, cs, rh);
      // Each distinct id's bias + row·W once, copied into its steps: the same sums in the same order.
      const byId = { y: new Float32Array(n * H), gates: new Float32Array(n * GH), hprev: new Float32Array(n * H), cs: cs && new Float32Array(n * H), rh: rh && new Float32Array(n * H) };
      k.forwardEmbedded!(meta, ids, table, w, u, bias, null, mask, byId.y, byId.gates, byId.hprev, byId.cs, byId.rh);
      expect(byId.y).toEqual(y);
      expect(byId.gates).toEqual(gates);
      expect(byId.cs).toEqual(cs);
      expect(byId.rh).toEqual(rh);
      const dy = rand(n * H);
      const plain = { dx: new Float32Array(n * D), dw: new Float32Array(D * GH), du: new Float32Array(H * GH), db: new Float32Array(GH), table: new Float32Array(vocab * D) };
      k.backward(meta, x, w, u, null, mask, dy, gates, hprev, cs, rh, new Float32Array(n * GH), plain.dx, plain.dw, plain.du, plain.db);
      k.embeddingGradient!(plain.table, D, ids, plain.dx);
      // dTable arrives dirty: every row is written, the rows no id read with zeros.
      const fused = { dw: new Float32Array(D * GH), du: new Float32Array(H * GH), db: new Float32Array(GH), table: new Float32Array(vocab * D).fill(9) };
      k.backwardEmbedded!(meta, ids, table, w, u, null, mask, dy, gates, hprev, cs, rh, new Float32Array(n * GH), fused.table, fused.dw, fused.du, fused.db);
      const close = (a: Float32Array, b: Float32Array) => {
        const scale = Math.max(...b.map(Math.abs));
        expect(scale).toBeGreaterThan(0);
        expect(Math.max(...a.map((v, i) => Math.abs(v - b[i])))).toBeLessThanOrEqual(1e-5 * scale);
      };
      close(fused.dw, plain.dw);
      close(fused.du, plain.du);
      close(fused.db, plain.db);
      close(fused.table, plain.table);
      expect(Array.from(fused.table.subarray((vocab - 2) * D))).toEqual(new Array(2 * D).fill(0));
      const bad = Float32Array.from(ids);
      bad[4] = vocab;
      expect(() => k.backwardEmbedded!(meta, bad, table, w, u, null, mask, dy, gates, hprev, cs, rh, new Float32Array(n * GH), fused.table, fused.dw, fused.du, fused.db))
        .toThrow(/id 11 at 4 is outside the table's 11 rows/);
      expect(() => k.backwardEmbedded!(meta, ids, table.subarray(1), w, u, null, mask, dy, gates, hprev, cs, rh, new Float32Array(n * GH), fused.table, fused.dw, fused.du, fused.db))
        .toThrow(/does not hold rows/);
      expect(() => k.forwardEmbedded!(meta, bad, table, w, u, bias, null, mask, byId.y, byId.gates, byId.hprev, byId.cs, byId.rh)).toThrow(/id 11 at 4/);
    },
  );

  it("is unavailable, with the reason, where the addon is not", () => {
    const none = new NativeTrainer({ available: false, reason: "treino_rnn.node not found" });
    const model = CASES[0].build();
    const { x, y } = CASES[0].data();
    expect(none.plan(model, x, y)).toEqual({ ok: false, reason: "fused kernels unavailable: treino_rnn.node not found" });
    model.dispose();
    x.dispose();
    y.dispose();
  });
});
