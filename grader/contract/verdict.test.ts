import { describe, expect, it } from "vitest";
import type { RebuiltModelReport } from "../sandbox/protocol";
import { ABLATION_MIN_CHANGE, relativeChange, verdictAfterAblation, verdictBeforeTraining } from "./verdict";

const report = (over: Partial<RebuiltModelReport> = {}): RebuiltModelReport => ({
  layers: ["LSTM", "Dense"], inputShape: [null, 5, 1], outputShape: [null, 1], inputCount: 1, outputCount: 1, params: 1000,
  optimizer: "Adam", loss: "meanSquaredError", compiledByStudent: true, ablationUnits: [{ name: "lstm_1", className: "LSTM" }], ...over,
});
const seq = (classes: string[]) => ({ class_name: "Sequential", config: { layers: classes.map((c) => ({ class_name: c, config: {} })) } });
const lstm = { layer: "LSTM" as const, maxParams: 1000 };

describe("the contract before training", () => {
  it("needs the required layer, on the path, within the parameter budget", () => {
    expect(verdictBeforeTraining(lstm, seq(["LSTM", "Dense"]), report()).ok).toBe(true);
    const missing = verdictBeforeTraining(lstm, seq(["Dense"]), report({ layers: ["Dense"], ablationUnits: [] }));
    expect(missing.ok).toBe(false);
    expect(missing.feedback.en).toMatch(/needs a LSTM layer; found: Dense/);
    expect(verdictBeforeTraining(lstm, seq(["LSTM"]), report({ params: 1001 })).feedback.en).toMatch(/1001 parameters/);
    expect(verdictBeforeTraining({ layer: "SimpleRNN", maxParams: 1000 }, seq(["LSTM"]), report()).ok).toBe(false);
    // An RNN over an LSTMCell is an LSTM.
    expect(verdictBeforeTraining(lstm, { class_name: "Sequential", config: { layers: [{ class_name: "RNN", config: { cell: { class_name: "LSTMCell" } } }] } }, report({ layers: ["RNN", "LSTMCell", "Dense"] })).ok).toBe(true);
  });
});

describe("the ablation", () => {
  it("measures the move against the predictions' spread", () => {
    expect(relativeChange([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(relativeChange([1, 3], [2, 2])).toBeCloseTo(1);
    expect(relativeChange([1, 1], [1, 1.5])).toBe(Infinity); // constant predictions, and it moved
    expect(relativeChange([1, 2], [null, 2])).toBe(Infinity);
  });

  it("fails a layer whose zeroing moves nothing, and passes one that matters", () => {
    const p = [0.1, 0.5, -0.3, 0.8];
    const dead = verdictAfterAblation(lstm, report(), p, [{ layer: "lstm_1", values: p.map((v) => v + 1e-6) }]);
    expect(dead.verdict.ok).toBe(false);
    expect(dead.verdict.feedback.en).toMatch(/Zeroing the output of the LSTM layer \('lstm_1'\).*0%/);
    expect(dead.verdict.feedback["pt-BR"]).toMatch(/não faz o trabalho/);
    const alive = verdictAfterAblation(lstm, report(), p, [{ layer: "lstm_1", values: [0, 0, 0, 0] }]);
    expect(alive.verdict.ok).toBe(true);
    expect(alive.results[0].change).toBeGreaterThan(ABLATION_MIN_CHANGE);
    // Just under and just over the line.
    const spread = Math.sqrt(p.reduce((s, v) => s + (v - 0.275) ** 2, 0) / p.length);
    const shift = (k: number) => p.map((v) => v + k * ABLATION_MIN_CHANGE * spread);
    expect(verdictAfterAblation(lstm, report(), p, [{ layer: "l", values: shift(0.95) }]).verdict.ok).toBe(false);
    expect(verdictAfterAblation(lstm, report(), p, [{ layer: "l", values: shift(1.05) }]).verdict.ok).toBe(true);
    // No layer to ablate is no evidence that it matters.
    expect(verdictAfterAblation(lstm, report(), p, []).verdict.ok).toBe(false);
  });
});
