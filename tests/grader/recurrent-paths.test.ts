/**
 * Which path trains a submission's recurrent layers, end to end in the sandbox: the fused
 * kernels where the layer's settings are covered, stock TensorFlow.js otherwise, and the
 * result records it per layer. The verdict does not depend on the path. Likewise Adam's
 * updates (one native pass per weight, or tfjs's own), and the loop that trained each model (the
 * grader's native loop where it covers the model whole, tfjs's fit otherwise), recorded per model.
 */
import { describe, expect, it } from "vitest";
import { exercise, grade } from "./grade";

const optimizerUpdates = (r: Awaited<ReturnType<typeof grade>>) => Object.fromEntries(Object.entries(r.models).map(([id, m]) => [id, m.optimizerUpdate]));

const loops = (r: Awaited<ReturnType<typeof grade>>) => Object.fromEntries(Object.entries(r.models).map(([id, m]) => [id, m.trainingLoop]));

const layerPaths = (r: Awaited<ReturnType<typeof grade>>) =>
  Object.fromEntries(Object.entries(r.models).map(([id, m]) => [id, m.recurrent.map((l) => ({ cell: l.cell, path: l.path, reason: l.reason }))]));

describe("recurrent training paths", () => {
  it("the reference passes on stock TensorFlow.js too, when the fused kernels are turned off", async () => {
    const r = await grade("next-number", exercise("next-number", "solution.ts"), { config: { TREINO_FUSED_RNN: false } });
    expect(r.failure).toBeUndefined();
    expect(r.score).toBe(r.maxScore);
    expect(r.environment.recurrentKernels).toMatchObject({ available: false, reason: expect.stringContaining("turned off") });
    expect(layerPaths(r)).toEqual({
      rnn: [{ cell: "SimpleRNN", path: "stock", reason: expect.stringContaining("turned off") }],
      lstm: [{ cell: "LSTM", path: "stock", reason: expect.stringContaining("turned off") }],
    });
    const stockAdam = { optimizer: "Adam", path: "stock", reason: expect.stringContaining("turned off") };
    expect(optimizerUpdates(r)).toEqual({ rnn: stockAdam, lstm: stockAdam });
    const tfjsFit = { path: "tfjs", reason: expect.stringContaining("turned off") };
    expect(loops(r)).toEqual({ rnn: tfjsFit, lstm: tfjsFit });
  });

  it("an IMDb model whose Embedding masks the padding trains fused and passes", async () => {
    const code = exercise("imdb-sentiment", "solution.ts").replace(
      "inputLength: maxLen }",
      "inputLength: maxLen, maskZero: true }",
    );
    expect(code).toContain("maskZero: true");
    const r = await grade("imdb-sentiment", code);
    expect(r.failure).toBeUndefined();
    expect(layerPaths(r)).toEqual({ model: [{ cell: "LSTM", path: "fused", reason: null }] });
    expect(optimizerUpdates(r)).toEqual({ model: { optimizer: "Adam", path: "fused", reason: null } });
    expect(loops(r)).toEqual({ model: { path: "native", reason: null } });
    expect(r.passed).toBe(true);
  });

  it("other optimizers keep tfjs's own update, and the result says so", async () => {
    const code = exercise("next-number", "solution.ts").replace("tf.train.adam(0.01)", "tf.train.rmsprop(0.01)");
    expect(code).toContain("rmsprop");
    const r = await grade("next-number", code);
    expect(r.failure).toBeUndefined();
    const stock = { optimizer: "RMSProp", path: "stock", reason: "no fused update for RMSProp" };
    expect(optimizerUpdates(r)).toEqual({ rnn: stock, lstm: stock });
    expect(loops(r)).toEqual({ rnn: { path: "tfjs", reason: "optimizer RMSProp" }, lstm: { path: "tfjs", reason: "optimizer RMSProp" } });
  });

  it("a layer with settings the kernels do not cover trains on the stock path; the others stay fused", async () => {
    const code = exercise("next-number", "solution.ts").replace(
      "tf.layers.simpleRNN({ units: 16, inputShape: [5, 1] })",
      'tf.layers.simpleRNN({ units: 16, inputShape: [5, 1], activation: "elu" })',
    );
    expect(code).toContain('activation: "elu"');
    const r = await grade("next-number", code);
    expect(r.failure).toBeUndefined();
    expect(layerPaths(r)).toEqual({
      rnn: [{ cell: "SimpleRNN", path: "stock", reason: "activation elu" }],
      lstm: [{ cell: "LSTM", path: "fused", reason: null }],
    });
    expect(loops(r)).toEqual({ rnn: { path: "tfjs", reason: expect.stringMatching(/activation elu/) }, lstm: { path: "native", reason: null } });
    expect(r.checks.find((c) => c.id === "lstm.error")?.status).toBe("passed");
  });
});
