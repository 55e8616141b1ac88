import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateDescription } from "./description";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const lstmModel = () => {
  const m = tf.sequential();
  m.add(tf.layers.lstm({ units: 4, inputShape: [5, 1], kernelInitializer: tf.initializers.glorotUniform({ seed: 42 }) }));
  m.add(tf.layers.dropout({ rate: 0.1, seed: 7 }));
  m.add(tf.layers.dense({ units: 1 }));
  return m;
};
const adam = { optimizer: { className: "Adam", config: { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } }, loss: [{ name: "meanSquaredError" }], metrics: [] };
const text = (m: tf.LayersModel) => m.toJSON(null, true) as string;

describe("model descriptions", () => {
  it("accepts tfjs's own model, dropping every seed and every initialiser", async () => {
    const r = validateDescription(text(lstmModel()), adam);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.stringify(r.value.topology)).not.toMatch(/"seed":\s*(42|7)/);
    expect(JSON.stringify(r.value.topology)).not.toMatch(/_initializer|Initializer/);
    // What is left rebuilds, with tfjs's default initialisers.
    const rebuilt = await tf.models.modelFromJSON(r.value.topology as never);
    expect(rebuilt.countParams()).toBe(lstmModel().countParams());
    expect(r.value.layerClasses).toEqual(["LSTM", "Dropout", "Dense"]);
    expect(r.value.compile).toEqual({ optimizer: { className: "Adam", config: adam.optimizer.config }, loss: "meanSquaredError", metrics: [] });
  });

  it("names a custom layer class", () => {
    const json = JSON.parse(text(lstmModel()));
    json.config.layers[1].class_name = "ShiftBatch";
    const r = validateDescription(JSON.stringify(json), null);
    expect(r).toEqual({ ok: false, problem: { code: "contract.unknownClass", params: { className: "ShiftBatch" } } });
  });

  it("drops chosen initial values: a frozen Constant or near-constant initialiser comes back random", async () => {
    const m = tf.sequential({
      layers: [
        tf.layers.simpleRNN({ units: 1, inputShape: [5, 1], activation: "linear", trainable: false, kernelInitializer: "ones", recurrentInitializer: "zeros" }),
        tf.layers.dense({ units: 1, trainable: false, kernelInitializer: tf.initializers.randomNormal({ mean: 1, stddev: 1e-9 }), biasInitializer: tf.initializers.constant({ value: 0.01 }) }),
      ],
    });
    const r = validateDescription(text(m), null);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rebuilt = await tf.models.modelFromJSON(r.value.topology as never);
    const [kernel, bias] = rebuilt.layers[1].getWeights().map((w) => w.dataSync()[0]);
    expect(Math.abs(kernel - 1)).toBeGreaterThan(1e-6);
    expect(bias).toBe(0); // Dense's default bias initialiser
  });

  it("judges keys as tfjs reads them: camelCase or trailing-underscore spellings get no way round the rules", async () => {
    const json = JSON.parse(text(lstmModel()));
    const camel = JSON.parse(JSON.stringify(json).replace(/"kernel_initializer"/g, '"kernelInitializer"').replace(/"class_name":"Dense"/, '"className":"Rescaling"'));
    expect(validateDescription(JSON.stringify(camel), null)).toMatchObject({ ok: false, problem: { code: "contract.unknownClass", params: { className: "Rescaling" } } });
    const trailing = JSON.parse(text(lstmModel()));
    trailing.config.layers[2].config.weights_ = [[[1]], [0]];
    expect(validateDescription(JSON.stringify(trailing), null)).toMatchObject({ ok: false, problem: { code: "contract.weights" } });
    const both = JSON.parse(text(lstmModel()));
    both.config.layers[2].config.kernelInitializer = both.config.layers[2].config.kernel_initializer;
    expect(validateDescription(JSON.stringify(both), null)).toMatchObject({ ok: false, problem: { code: "contract.malformed" } });
    const initialisers = JSON.parse(JSON.stringify(json).replace(/"kernel_initializer"/g, '"kernelInitializer"'));
    const r = validateDescription(JSON.stringify(initialisers), null);
    expect(r.ok && JSON.stringify(r.value.topology)).not.toMatch(/Initializer/);
    // A class name that is not a string is refused, not turned into one.
    const odd = JSON.parse(text(lstmModel()));
    odd.config.layers[1].class_name = { toString: 1 };
    expect(validateDescription(JSON.stringify(odd), null)).toMatchObject({ ok: false, problem: { code: "contract.unknownClass", params: { className: "(object)" } } });
    const long = JSON.parse(text(lstmModel()));
    long.config.layers[0].config.name = "l".repeat(300);
    expect(validateDescription(JSON.stringify(long), null)).toMatchObject({ ok: false, problem: { code: "contract.malformed" } });
  });

  it("refuses preset weights in a layer's configuration", () => {
    const json = JSON.parse(text(lstmModel()));
    json.config.layers[2].config.weights = [[[1]], [0]];
    const r = validateDescription(JSON.stringify(json), null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe("contract.weights");
  });

  it("refuses a loss or a metric given as a function, and unknown names", () => {
    const fn = validateDescription(text(lstmModel()), { ...adam, loss: [{ function: "zeroLoss" }] });
    expect(fn.ok || fn.problem).toEqual({ code: "contract.function", params: { what: "loss", name: "zeroLoss" } });
    const metric = validateDescription(text(lstmModel()), { ...adam, metrics: [{ function: "cheat" }] });
    expect(metric.ok || metric.problem.code).toBe("contract.function");
    const unknown = validateDescription(text(lstmModel()), { ...adam, loss: [{ name: "alwaysZero" }] });
    expect(unknown.ok || unknown.problem.code).toBe("contract.unknownName");
  });

  it("refuses an optimizer that is not a built-in one, or with settings that are not numbers", () => {
    const custom = validateDescription(text(lstmModel()), { ...adam, optimizer: { className: "MyOptimizer", config: {} } });
    expect(custom.ok || custom.problem.code).toBe("contract.optimizer");
    const odd = validateDescription(text(lstmModel()), { ...adam, optimizer: { className: "SGD", config: { learningRate: "0.1" } } });
    expect(odd.ok || odd.problem.code).toBe("contract.optimizer");
  });

  it("refuses what is not a model, is not JSON, or is too deep or too large", () => {
    expect(validateDescription("not json", null)).toMatchObject({ ok: false, problem: { code: "contract.malformed" } });
    expect(validateDescription(JSON.stringify({ class_name: "Dense", config: {} }), null)).toMatchObject({ ok: false, problem: { code: "contract.malformed" } });
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(validateDescription(JSON.stringify({ class_name: "Sequential", config: { layers: [], x: deep } }), null)).toMatchObject({ ok: false, problem: { code: "contract.tooLarge", params: { what: "depth" } } });
    const many = { class_name: "Sequential", config: { layers: Array.from({ length: 300 }, () => ({ class_name: "Dense", config: { units: 1 } })) } };
    expect(validateDescription(JSON.stringify(many), null)).toMatchObject({ ok: false, problem: { code: "contract.tooLarge", params: { what: "layers" } } });
    expect(validateDescription("x".repeat(1_000_001), null)).toMatchObject({ ok: false, problem: { code: "contract.tooLarge" } });
    // "__proto__" from JSON is an ordinary key, named "Proto" the way tfjs reads it: nothing is polluted.
    validateDescription('{"class_name":"Sequential","config":{"layers":[],"__proto__":{"polluted":1}}}', null);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
    expect(validateDescription('{"class_name":"Sequential","config":{"layers":[],"constructor":{}}}', null)).toMatchObject({ ok: false, problem: { code: "contract.malformed" } });
  });

  it("accepts a functional model with wrappers, cells and nested models", async () => {
    const input = tf.input({ shape: [10] });
    const emb = tf.layers.embedding({ inputDim: 50, outputDim: 4, maskZero: true }).apply(input) as tf.SymbolicTensor;
    const bi = tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 3 }) as tf.layers.RNN }).apply(emb) as tf.SymbolicTensor;
    const inner = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [6], activation: "relu" })] });
    const out = tf.layers.dense({ units: 1, activation: "sigmoid" }).apply(inner.apply(bi) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const r = validateDescription(text(tf.model({ inputs: input, outputs: out })), null);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.layerClasses).toEqual(expect.arrayContaining(["Embedding", "Bidirectional", "LSTM", "Dense"]));
  });
});
