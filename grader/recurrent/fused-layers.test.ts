/**
 * The fused path against stock TensorFlow.js, layer by layer: same outputs and same
 * gradients (input, kernel, recurrent kernel, bias) on random shapes and settings, within
 * 2e-5 of the largest value for outputs and 1e-4 for gradients (float32 sums in another order).
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-cpu";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../paths";
import { seedMathRandom } from "../harness/seeded-random";
import { FusedRecurrentLayers } from "./fused-layers";
import { builtAddonPath, loadKernels } from "./native-kernels";

const status = loadKernels(builtAddonPath(REPO_ROOT));
let fused = new FusedRecurrentLayers(status);

beforeAll(async () => {
  tf.env().set("PROD", true);
  await tf.setBackend("cpu");
});
afterAll(() => fused.uninstall());

/** A dropout function that is the same on both paths: a fixed pattern instead of random draws. */
function patternDropout(ones: tf.Tensor, rate: number): tf.Tensor {
  return tf.tidy(() => {
    const idx = tf.range(0, ones.size).reshape(ones.shape);
    const keep = tf.cast(tf.notEqual(tf.mod(idx, 3), 0), "float32");
    return tf.mul(ones, tf.div(keep, 1 - rate));
  });
}

type LayerFactory = (args: Record<string, unknown>) => tf.layers.Layer;
const FACTORIES: Record<string, LayerFactory> = {
  lstm: (a) => tf.layers.lstm(a as never),
  gru: (a) => tf.layers.gru(a as never),
  simpleRNN: (a) => tf.layers.simpleRNN(a as never),
  // The generic RNN layer around a stock cell takes the same path.
  rnnOfLstmCell: ({ returnSequences, goBackwards, ...cell }) =>
    tf.layers.rnn({ cell: tf.layers.lstmCell(cell as never), returnSequences, goBackwards } as never),
};

interface Case {
  kind: keyof typeof FACTORIES;
  batch: number;
  time: number;
  features: number;
  units: number;
  args?: Record<string, unknown>;
  bidirectional?: boolean;
  training?: boolean;
  /** Zero some steps of the input and put a Masking layer's mask on them. */
  masked?: boolean;
}

/** Output and gradients of sum(output * r) for every trainable weight and the input. */
function run(c: Case, seed: number, useFused: boolean) {
  if (useFused) fused.install();
  else fused.uninstall();
  return tf.tidy(() => {
    const inner = FACTORIES[c.kind]({ units: c.units, kernelInitializer: tf.initializers.randomNormal({ seed, stddev: 0.5 }),
      recurrentInitializer: tf.initializers.randomNormal({ seed: seed + 1, stddev: 0.5 }),
      biasInitializer: tf.initializers.randomNormal({ seed: seed + 2, stddev: 0.5 }), ...c.args });
    const layer = c.bidirectional ? tf.layers.bidirectional({ layer: inner as never, mergeMode: "concat" }) : inner;
    const x = tf.variable(tf.randomNormal([c.batch, c.time, c.features], 0, 1, "float32", seed + 3));
    // Sequence b skips steps where (b + t) % 3 === 0 and, for b = 0, the first three (pre-padding).
    const mask = c.masked
      ? tf.tensor2d(Array.from({ length: c.batch }, (_, b) => Array.from({ length: c.time }, (_, t) => ((b + t) % 3 === 0 || (b === 0 && t < 3) ? 0 : 1))), undefined, "bool")
      : undefined;
    const kwargs = { training: c.training ?? false, ...(mask ? { mask } : {}) };
    const out = layer.apply(x, kwargs) as tf.Tensor;
    const r = tf.randomNormal(out.shape, 0, 1, "float32", seed + 4);
    const vars = [x, ...layer.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val)];
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, kwargs) as tf.Tensor, r)) as tf.Scalar, vars);
    return {
      out: out.arraySync() as number[],
      outData: Array.from(out.dataSync()),
      grads: vars.map((v) => Array.from(grads[v.name].dataSync())),
      names: ["input", ...layer.trainableWeights.map((w) => w.name)],
    };
  });
}

function relDiff(a: number[], b: number[]): number {
  let max = 0;
  let scale = 1e-6;
  for (let i = 0; i < a.length; i++) {
    max = Math.max(max, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return max / scale;
}

function compare(c: Case, seed = 7) {
  const stock = run(c, seed, false);
  const mine = run(c, seed, true);
  expect(mine.outData.length).toBe(stock.outData.length);
  expect(relDiff(mine.outData, stock.outData)).toBeLessThan(2e-5);
  for (let i = 0; i < stock.grads.length; i++) {
    expect(relDiff(mine.grads[i], stock.grads[i]), `gradient of ${stock.names[i]}`).toBeLessThan(1e-4);
  }
  return fused.report();
}

describe("fused recurrent layers match stock TensorFlow.js", () => {
  beforeAll(() => {
    fused.uninstall();
    fused = new FusedRecurrentLayers(status);
  });

  it("the build loaded (CI installs a compiler)", () => {
    // The fast path is the product's; a machine where it silently did not build must fail here.
    expect(status).toMatchObject({ available: true });
  });
  it("LSTM, last output, the lesson's defaults (tanh, hardSigmoid)", () => {
    fused.resetReport();
    const report = compare({ kind: "lstm", batch: 5, time: 7, features: 3, units: 4 });
    expect(report.every((r) => r.path === "fused")).toBe(true);
  });

  it("LSTM with sequences, going backwards, sigmoid gates, no bias", () => {
    compare({ kind: "lstm", batch: 3, time: 9, features: 2, units: 5,
      args: { returnSequences: true, goBackwards: true, recurrentActivation: "sigmoid", useBias: false } });
  });

  it("GRU, last output and sequences with relu", () => {
    compare({ kind: "gru", batch: 4, time: 6, features: 3, units: 3 });
    compare({ kind: "gru", batch: 2, time: 5, features: 4, units: 6, args: { returnSequences: true, activation: "relu", recurrentActivation: "sigmoid" } });
  });

  it("SimpleRNN, tanh and linear, forwards and backwards", () => {
    compare({ kind: "simpleRNN", batch: 6, time: 8, features: 1, units: 7 });
    compare({ kind: "simpleRNN", batch: 2, time: 4, features: 3, units: 2, args: { activation: "linear", returnSequences: true, goBackwards: true } });
  });

  it("tf.layers.rnn around an LSTM cell", () => {
    fused.resetReport();
    const report = compare({ kind: "rnnOfLstmCell", batch: 3, time: 5, features: 2, units: 3, args: { returnSequences: true } });
    expect(report.map((r) => [r.cell, r.path])).toEqual([["LSTM", "fused"]]);
  });

  it("bidirectional wrappers", () => {
    compare({ kind: "lstm", batch: 3, time: 5, features: 2, units: 3, bidirectional: true, args: { returnSequences: true } });
    compare({ kind: "gru", batch: 3, time: 5, features: 2, units: 3, bidirectional: true });
  });

  it("dropout and recurrent dropout while training, one mask per sequence as in tfjs", () => {
    for (const kind of ["lstm", "gru", "simpleRNN"] as const) {
      compare({ kind, batch: 4, time: 6, features: 3, units: 4, training: true,
        args: { dropout: 0.3, recurrentDropout: 0.25, dropoutFunc: patternDropout, returnSequences: kind === "gru" } });
    }
  });

  it("masked steps (an Embedding's maskZero, padding before and after) carry the states over as tfjs does", () => {
    for (const kind of ["lstm", "gru", "simpleRNN"] as const) {
      for (const returnSequences of [false, true]) {
        compare({ kind, batch: 4, time: 7, features: 3, units: 3, masked: true, args: { returnSequences, goBackwards: kind === "gru" } });
      }
    }
    compare({ kind: "lstm", batch: 3, time: 6, features: 2, units: 4, masked: true, training: true,
      args: { recurrentDropout: 0.3, dropoutFunc: patternDropout } });
    compare({ kind: "gru", batch: 3, time: 6, features: 2, units: 4, masked: true, bidirectional: true, args: { returnSequences: true } });
  });

  it("inference over more rows than one native call takes (predict's batches) matches stock, masks and all", () => {
    // 64 rows per call: 150 rows are two full slices and a partial one; 9 units leave a
    // remainder after the eight-lane activations.
    compare({ kind: "lstm", batch: 150, time: 4, features: 2, units: 9, masked: true, args: { returnSequences: true, goBackwards: true } });
    compare({ kind: "gru", batch: 130, time: 3, features: 3, units: 8 });
    compare({ kind: "simpleRNN", batch: 65, time: 5, features: 1, units: 17, args: { activation: "relu" } });
  });

  it("random shapes and settings", () => {
    let seed = 11;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);
    for (let i = 0; i < 12; i++) {
      const kind = (["lstm", "gru", "simpleRNN"] as const)[next() % 3];
      compare({
        kind, batch: 1 + (next() % 6), time: 2 + (next() % 12), // stock tfjs cannot differentiate one time step (Unpack gradient)
        features: 1 + (next() % 5), units: 1 + (next() % 8),
        args: { returnSequences: next() % 2 === 0, goBackwards: next() % 2 === 0 },
      }, next() % 1000);
    }
  });

  it("training leaves no tensor behind, and a fused model learns", async () => {
    seedMathRandom(3); // initial weights, shuffling and dropout masks
    fused.install();
    fused.resetReport();
    const model = tf.sequential({ layers: [
      tf.layers.lstm({ units: 4, inputShape: [6, 1], returnSequences: true, recurrentDropout: 0.2 }),
      tf.layers.gru({ units: 3, dropout: 0.1 }),
      tf.layers.dense({ units: 1 }),
    ] });
    model.compile({ optimizer: tf.train.adam(0.05), loss: "meanSquaredError" });
    const x = tf.tidy(() => tf.randomUniform([32, 6, 1], 0, 1, "float32", 5));
    const y = tf.tidy(() => tf.sum(x, 1));
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, { epochs: 30, batchSize: 8, verbose: 0 });
    tf.dispose(model.predict(x));
    expect(tf.memory().numTensors).toBe(before);
    const loss = history.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(loss[0] / 2);
    expect(fused.report().map((r) => r.path)).toEqual(["fused", "fused"]);
    model.dispose();
    tf.dispose([x, y]);
  });

  it("settings the kernels do not cover train on the stock path, and the report says why", () => {
    fused.install();
    fused.resetReport();
    tf.tidy(() => {
      const x = tf.ones([2, 3, 2]);
      const masked = tf.sequential({ layers: [ // covered: reported fused
        tf.layers.masking({ inputShape: [3, 2], maskValue: 0 }),
        tf.layers.lstm({ units: 2, name: "masked_lstm" }),
      ] });
      masked.predict(x);
      const elu = tf.layers.simpleRNN({ units: 2, activation: "elu", name: "elu_rnn" });
      elu.apply(x);
      const state = tf.layers.gru({ units: 2, returnState: true, name: "state_gru" });
      state.apply(x);
    });
    const byName = Object.fromEntries(fused.report().map((r) => [r.layer, r]));
    expect(byName.masked_lstm).toMatchObject({ path: "fused", reason: null });
    expect(byName.elu_rnn).toMatchObject({ path: "stock", reason: "activation elu" });
    expect(byName.state_gru).toMatchObject({ path: "stock", reason: "returnState" });
  });
});

describe("without the addon", () => {
  it("every recurrent layer falls back to stock, with the reason", () => {
    const none = new FusedRecurrentLayers({ available: false, reason: "treino_rnn.node not found" });
    none.install();
    try {
      const y = tf.tidy(() => (tf.layers.lstm({ units: 2, name: "plain_lstm" }).apply(tf.ones([1, 4, 3])) as tf.Tensor).arraySync());
      expect((y as number[][])[0]).toHaveLength(2);
      expect(none.report()).toEqual([{ layer: "plain_lstm", cell: "LSTM", path: "stock", reason: "fused kernels unavailable: treino_rnn.node not found" }]);
      // The report crosses to the grader: a student's 300-character layer name is trimmed.
      tf.tidy(() => { tf.layers.gru({ units: 1, name: "g".repeat(300) }).apply(tf.ones([1, 2, 1])); });
      expect(none.report().map((r) => r.layer.length)).toEqual([10, 200]);
    } finally {
      none.uninstall();
    }
  });
});

it("names the products' path as its library: its own, no BLAS behind it", () => {
  if (!status.available) return expect.fail(status.reason);
  expect(["avx2", "scalar"]).toContain(status.library);
  expect(status.library).toBe(status.kernels.stepProductPath);
});

/**
 * The kernels' AVX2 paths (the products' blocks in microkernel.c, the activations, the LSTM's
 * fused gate math) and the plain loops they take without AVX2 (TREINO_RNN_NO_AVX2=1, in child
 * processes: the path is chosen once per process) give the same forward and backward results,
 * for every cell, on shapes with row and column tails (5 rows, 9 units: 36 LSTM columns = two
 * 16-column panels + 4; 8 units in vectors + 1).
 */
describe("the kernels without AVX2", () => {
  const file = builtAddonPath(REPO_ROOT);
  const script = (cell: number) => `
    const k = require(${JSON.stringify(file)});
    const G = [4, 3, 1][${cell}], B = 5, T = 4, D = 3, H = 9, n = B * T;
    let s = 7;
    const r = (len) => Float32Array.from({ length: len }, () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5));
    const meta = Int32Array.of(${cell}, 1, 2, B, T, D, H, 0, 1);
    const x = r(n * D), w = r(D * G * H), u = r(H * G * H), b = r(G * H), y = new Float32Array(n * H);
    const gates = new Float32Array(n * G * H), hprev = new Float32Array(n * H);
    const cs = ${cell} === 0 ? new Float32Array(n * H) : null, rh = ${cell} === 1 ? new Float32Array(n * H) : null;
    k.forward(meta, x, w, u, b, null, null, y, gates, hprev, cs, rh);
    const dx = new Float32Array(n * D), dw = new Float32Array(D * G * H), du = new Float32Array(H * G * H), db = new Float32Array(G * H);
    k.backward(meta, x, w, u, null, null, r(n * H), gates, hprev, cs, rh, new Float32Array(n * G * H), dx, dw, du, db);
    console.log(JSON.stringify({ path: k.stepProductPath, out: [...y, ...dx, ...dw, ...du, ...db] }));`;
  const run = (cell: number, noAvx2: boolean) =>
    JSON.parse(execFileSync(process.execPath, ["-e", script(cell)], { encoding: "utf8", env: { ...process.env, TREINO_RNN_NO_AVX2: noAvx2 ? "1" : "0" } })) as { path: string; out: number[] };

  it.each([["LSTM", 0], ["GRU", 1], ["SimpleRNN", 2]])("%s", (_, cell) => {
    const vector = run(cell as number, false), plain = run(cell as number, true);
    expect(plain.path).toBe("scalar");
    const scale = Math.max(...vector.out.map(Math.abs));
    const diff = Math.max(...vector.out.map((v, i) => Math.abs(v - plain.out[i])));
    expect(diff / scale).toBeLessThanOrEqual(1e-5);
    expect(vector.out.some((v) => v !== 0)).toBe(true);
  });
});
