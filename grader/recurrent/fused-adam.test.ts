/**
 * The native Adam step against tfjs's own AdamOptimizer: same weights and moments after
 * several steps on random shapes, with default and explicit beta/epsilon, on the cpu backend
 * and on wasm (the grader's default), within the tolerances fused-layers.test.ts uses (2e-5 of the
 * largest value for values, 1e-4 for gradients); a small model trained a few epochs end to
 * end; and the other optimizers left to tfjs. Both backends' results are in fact equal to the
 * bit (checked too): tfjs rounds each operation to float32 and so does the kernel.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-cpu";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { NODE_MODULES, REPO_ROOT } from "../paths";
import { selectBackend } from "../harness/backend";
import { FusedAdam, type AdamKernel } from "./fused-adam";
import { FusedRecurrentLayers } from "./fused-layers";
import { builtAddonPath, loadKernels, type KernelStatus } from "./native-kernels";

const WASM_DIR = path.join(NODE_MODULES, "@tensorflow", "tfjs-backend-wasm", "dist");
const VALUE_TOLERANCE = 2e-5;

const variant = { status: loadKernels(builtAddonPath(REPO_ROOT)) };

/** The status with its adam kernel counted. */
function counted(status: KernelStatus): { status: KernelStatus; calls: () => number } {
  let calls = 0;
  if (!status.available) return { status, calls: () => 0 };
  const adam = status.kernels.adam as AdamKernel;
  const kernels = { ...status.kernels, adam: ((...args: Parameters<AdamKernel>) => { calls++; adam(...args); }) as AdamKernel };
  return { status: { ...status, kernels }, calls: () => calls };
}

/** Largest |a - b| over the largest |b| (1 when b is all zeros). */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0, scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / (scale || 1);
}

/** A float32 tensor's values, copied. */
function values(t: tf.Tensor): Float32Array {
  return Float32Array.from(t.dataSync());
}

function bitwiseEqual(a: Float32Array, b: Float32Array): boolean {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length), y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** A deterministic pseudo-random float32 array (gradients with a spread of magnitudes, some zeros). */
function randomArray(n: number, seed: number, scale = 1): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const u = s / 2 ** 32 - 0.5;
    out[i] = i % 11 === 0 ? 0 : u * scale * (i % 3 === 0 ? 1e-3 : 1);
  }
  return out;
}

type OptimizerFactory = () => tf.Optimizer;
const ADAM_SETTINGS: { name: string; make: OptimizerFactory }[] = [
  { name: "tf.train.adam(0.01), default betas and epsilon", make: () => tf.train.adam(0.01) },
  { name: "tf.train.adam(0.003, 0.8, 0.95, 1e-4)", make: () => tf.train.adam(0.003, 0.8, 0.95, 1e-4) },
  {
    name: "Adam from its class name and config, as the train sandbox rebuilds it",
    make: () => {
      const map = (tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Record<string, [unknown, (c: unknown, cfg: unknown) => tf.Optimizer]> }).classNameMap;
      return map.Adam[1](map.Adam[0], { learningRate: 0.05, beta1: 0.5, beta2: 0.9, epsilon: 1e-3 });
    },
  },
];

/** Runs `steps` Adam steps on variables of `shapes` with fixed gradients; the final weights and moments. */
function adamSteps(make: OptimizerFactory, shapes: number[][], steps: number, seed: number, asList: boolean): Float32Array[] {
  const vars = shapes.map((s, i) => tf.tidy(() => tf.variable(tf.tensor(randomArray(s.reduce((a, d) => a * d, 1), seed + i, 2), s), true, `w${seed}_${i}_${Math.random()}`)));
  const opt = make();
  for (let step = 0; step < steps; step++) {
    const grads = shapes.map((s, i) => tf.tensor(randomArray(s.reduce((a, d) => a * d, 1), seed * 31 + step * 7 + i, step % 2 ? 10 : 0.1), s));
    // The gradient of the last variable is missing at the second step (tfjs skips it then).
    const entries = vars.map((v, i) => ({ name: v.name, tensor: step === 1 && i === vars.length - 1 ? (null as unknown as tf.Tensor) : grads[i] }));
    if (asList) opt.applyGradients(entries);
    else opt.applyGradients(Object.fromEntries(entries.filter((e) => e.tensor != null).map((e) => [e.name, e.tensor])) as never);
    tf.dispose(grads);
  }
  const moments = (opt as unknown as { accumulatedFirstMoment: { variable: tf.Variable }[]; accumulatedSecondMoment: { variable: tf.Variable }[] });
  const out = [
    ...vars.map((v) => values(v)),
    ...moments.accumulatedFirstMoment.map((m) => values(m.variable)),
    ...moments.accumulatedSecondMoment.map((m) => values(m.variable)),
  ];
  tf.dispose(vars);
  opt.dispose();
  return out;
}

const SHAPES = [[10_000, 32], [32, 128], [128], [7], [3, 5, 9], [1]];

for (const backendName of ["cpu", "wasm"] as const) {
  describe(`fused Adam (${backendName}) matches tfjs's AdamOptimizer`, () => {
    let fused: FusedAdam;
    let calls: () => number;
    beforeAll(async () => {
      tf.env().set("PROD", true);
      if (backendName === "wasm") await selectBackend("wasm", WASM_DIR);
      else await tf.setBackend("cpu");
      const c = counted(variant.status);
      fused = new FusedAdam(c.status);
      calls = c.calls;
    });
    afterEach(() => fused.uninstall());

    it("the build has the Adam kernel", () => {
      expect(variant.status.available).toBe(true);
      expect(variant.status.available && typeof variant.status.kernels.adam).toBe("function");
    });

    it.each(ADAM_SETTINGS)("several steps on weights of several shapes: $name", ({ make }) => {
      for (const [seed, asList] of [[1, true], [2, false]] as const) {
        fused.uninstall();
        let before = tf.memory().numTensors;
        const stock = adamSteps(make, SHAPES, 5, seed, asList);
        const stockTensors = tf.memory().numTensors - before;
        fused.install();
        before = tf.memory().numTensors;
        const callsBefore = calls();
        fused.resetReport();
        const native = adamSteps(make, SHAPES, 5, seed, asList);
        expect(fused.report()).toEqual({ optimizer: "Adam", path: "fused", reason: null });
        // One call per weight and step, but the step where the last weight has no gradient.
        expect(calls() - callsBefore).toBe(5 * SHAPES.length - 1);
        expect(tf.memory().numTensors - before).toBe(stockTensors);
        expect(native.length).toBe(stock.length);
        for (let i = 0; i < stock.length; i++) {
          expect(relativeError(native[i], stock[i])).toBeLessThanOrEqual(VALUE_TOLERANCE);
          // tfjs's ops each round to float32 (cpu: in double, then stored as float32; wasm: in
          // float32), as the kernel does, in the same order: equal to the bit.
          expect(bitwiseEqual(native[i], stock[i])).toBe(true);
        }
      }
    });

    it("a weight whose data another tensor shares is not written in place", () => {
      fused.install();
      const w = tf.variable(tf.tensor(randomArray(100, 5), [10, 10]));
      const alias = tf.clone(w); // shares w's data
      const before = values(alias);
      const opt = tf.train.adam(0.1);
      for (const mode of ["assign", "inplace"] as const) {
        const f = new FusedAdam(variant.status, { weights: mode });
        fused.uninstall();
        f.install();
        opt.applyGradients({ [w.name]: tf.ones([10, 10]) } as tf.NamedTensorMap as never);
        f.uninstall();
      }
      expect(bitwiseEqual(values(alias), before)).toBe(true);
      expect(bitwiseEqual(values(w), before)).toBe(false);
      tf.dispose([w, alias]);
      opt.dispose();
    });

    it("a weight is never written in place where a matrix product may have packed it (wasm caches those by tensor id)", () => {
      const f = new FusedAdam(variant.status, { weights: "inplace" });
      f.install();
      try {
        const w = tf.tidy(() => tf.variable(tf.tensor2d([[1, 2], [3, 4]])));
        const x = tf.tensor2d([[1, 1]]);
        const opt = tf.train.adam(0.5);
        tf.matMul(x, w).dispose(); // wasm: the product's operator, with w packed, is cached now
        opt.applyGradients({ [w.name]: tf.ones([2, 2]) } as never);
        const product = tf.matMul(x, w);
        const expected = tf.matMul(x, tf.clone(w));
        expect(Array.from(values(product))).toEqual(Array.from(values(expected)));
        expect(values(product)[0]).toBeCloseTo(3, 4); // (1 - 0.5) + (3 - 0.5)
        tf.dispose([w, x, product, expected]);
        opt.dispose();
      } finally {
        f.uninstall();
      }
    });

    it("a model trained a few epochs end to end (fused LSTM, Adam) ends with the same weights", async () => {
      const layers = new FusedRecurrentLayers(variant.status);
      layers.install();
      try {
        const build = () => {
          const m = tf.sequential();
          m.add(tf.layers.embedding({ inputDim: 50, outputDim: 8, inputLength: 12, embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 1 }) }));
          m.add(tf.layers.lstm({ units: 6, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }), recurrentInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
          m.add(tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }));
          m.compile({ optimizer: "adam", loss: "binaryCrossentropy" });
          return m;
        };
        const x = tf.tensor2d(Array.from({ length: 40 * 12 }, (_, i) => (i * 7919) % 50), [40, 12]);
        const y = tf.tensor2d(Array.from({ length: 40 }, (_, i) => (i * 13) % 3 === 0 ? 1 : 0), [40, 1]);
        const train = async (withFused: boolean) => {
          if (withFused) fused.install();
          else fused.uninstall();
          fused.resetReport();
          const model = build();
          const history = await model.fit(x, y, { epochs: 4, batchSize: 8, shuffle: false, verbose: 0 });
          const weights = model.getWeights().map((w) => values(w));
          const report = fused.report();
          model.dispose();
          return { weights, loss: history.history.loss as number[], report };
        };
        const stock = await train(false);
        const native = await train(true);
        expect(stock.report).toBeNull();
        expect(native.report?.path).toBe("fused");
        expect(native.weights.length).toBe(stock.weights.length);
        for (let i = 0; i < stock.weights.length; i++) {
          expect(relativeError(native.weights[i], stock.weights[i])).toBeLessThanOrEqual(VALUE_TOLERANCE);
          expect(bitwiseEqual(native.weights[i], stock.weights[i])).toBe(true);
        }
        expect(native.loss.at(-1)).toBeLessThan(native.loss[0]);
        tf.dispose([x, y]);
      } finally {
        layers.uninstall();
      }
    });

    it("sgd, momentum, rmsprop, adagrad and adamax keep tfjs's own update", async () => {
      fused.install();
      const makers: [string, () => tf.Optimizer][] = [
        ["sgd", () => tf.train.sgd(0.1)],
        ["momentum", () => tf.train.momentum(0.1, 0.9)],
        ["rmsprop", () => tf.train.rmsprop(0.01)],
        ["adagrad", () => tf.train.adagrad(0.1)],
        ["adamax", () => tf.train.adamax(0.01)],
      ];
      for (const [name, make] of makers) {
        fused.resetReport();
        const callsBefore = calls();
        const run = () => {
          const w = tf.variable(tf.tensor(randomArray(64, 9), [8, 8]), true, `${name}_${Math.random()}`);
          const opt = make();
          for (let s = 0; s < 3; s++) opt.applyGradients({ [w.name]: tf.tensor(randomArray(64, 10 + s), [8, 8]) } as never);
          const out = values(w);
          w.dispose();
          opt.dispose();
          return out;
        };
        const withFusedInstalled = run();
        fused.uninstall();
        const plain = run();
        fused.install();
        expect(calls() - callsBefore, name).toBe(0);
        expect(fused.report(), name).toBeNull();
        expect(bitwiseEqual(withFusedInstalled, plain), name).toBe(true);
      }
    });
  });
}

describe("the addon's Adam step", () => {
  /** Six steps on arrays of n values (outputs in place but the weight's), as the sandbox runs it. */
  const script = (file: string, n: number) => `
    const a = require(${JSON.stringify(file)});
    const n = ${n};
    let s = 7;
    const rand = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 2 ** 32 - 0.5; };
    let w = Float32Array.from({ length: n }, rand), m = new Float32Array(n), v = new Float32Array(n);
    let acc1 = Math.fround(0.8), acc2 = Math.fround(0.95);
    for (let step = 0; step < 6; step++) {
      const g = Float32Array.from({ length: n }, (_, i) => rand() * (step % 2 ? 10 : 0.1) * (i % 3 ? 1 : 1e-3));
      const out = new Float32Array(n);
      a.adam(w, g, m, v, out, m, v, 0.003, 0.8, 0.95, 1e-4, acc1, acc2);
      w = out;
      acc1 = Math.fround(acc1 * Math.fround(0.8));
      acc2 = Math.fround(acc2 * Math.fround(0.95));
    }
    const bytes = (x) => Buffer.from(x.buffer).toString("base64");
    console.log(JSON.stringify({ path: a.adamPath, w: bytes(w), m: bytes(m), v: bytes(v) }));`;
  const run = (file: string, n: number, noAvx2: boolean) =>
    JSON.parse(execFileSync(process.execPath, ["-e", script(file, n)], { encoding: "utf8", env: { ...process.env, TREINO_RNN_ADAM_NO_AVX2: noAvx2 ? "1" : "0" } })) as Record<string, string>;

  it("the fallback without AVX2 gives the vector path's results to the bit, tails and all", () => {
    const file = builtAddonPath(REPO_ROOT);
    for (const n of [1, 7, 16, 37, 1000, 40_003]) {
      const vector = run(file, n, false);
      const fallback = run(file, n, true);
      expect(fallback.path).toBe("scalar");
      expect({ ...fallback, path: vector.path }).toEqual(vector);
    }
  });
});

describe("fused Adam without the addon", () => {
  afterAll(async () => tf.setBackend("cpu"));
  it("keeps tfjs's update and says why", async () => {
    await tf.setBackend("cpu");
    const fused = new FusedAdam({ available: false, reason: "turned off (TREINO_FUSED_RNN=0)" });
    expect(fused.install()).toBe(false);
    expect(fused.unavailableReason()).toContain("TREINO_FUSED_RNN=0");
    fused.uninstall();
  });

  it("settings it does not cover (a learning rate that is not a number) run tfjs's update, and the report says why", async () => {
    const fused = new FusedAdam(variant.status);
    fused.install();
    try {
      const w = tf.variable(tf.ones([4]));
      const opt = tf.train.adam(Number.NaN);
      opt.applyGradients({ [w.name]: tf.ones([4]) } as never);
      expect(fused.report()).toEqual({ optimizer: "Adam", path: "stock", reason: "learningRate is not a finite number" });
      expect(Number.isNaN(values(w)[0])).toBe(true); // what tfjs itself does with it
      w.dispose();
      opt.dispose();
    } finally {
      fused.uninstall();
    }
  });
});
