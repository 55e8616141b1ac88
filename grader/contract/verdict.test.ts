import { describe, expect, it } from "vitest";
import type { RebuiltModelReport } from "../sandbox/protocol";
import { ABLATION_MIN_ERROR_RISE, BATCH_GAP_TOLERANCE, ORDER_MIN_OUTPUT_CHANGE, batchGap, errorOn, errorRise, variance, verdictAfterAblation, verdictBeforeTraining } from "./verdict";

const report = (over: Partial<RebuiltModelReport> = {}): RebuiltModelReport => ({
  layers: ["LSTM", "Dense"], inputShape: [null, 5, 1], outputShape: [null, 1], inputCount: 1, outputCount: 1, params: 1000,
  optimizer: "Adam", loss: "meanSquaredError", compiledByStudent: true, ablationUnits: [{ name: "lstm_1", className: "LSTM" }], ...over,
});
const seq = (classes: string[]) => ({ className: "Sequential", config: { layers: classes.map((c) => ({ className: c, config: {} })) } });
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
    expect(verdictBeforeTraining(lstm, { className: "Sequential", config: { layers: [{ className: "RNN", config: { cell: { className: "LSTMCell" } } }] } }, report({ layers: ["RNN", "LSTMCell", "Dense"] })).ok).toBe(true);
  });
});

describe("the ablation", () => {
  it("measures errors and their rise, counting a non-number as no evidence", () => {
    expect(errorOn([1, 3], [1, 1])).toBe(2);
    expect(errorOn([1, null], [1, 1])).toBe(Infinity);
    expect(errorRise(0.01, 0.02, 0.1)).toBeCloseTo(0.1);
    expect(errorRise(0.02, 0.01, 0.1)).toBe(0);
    expect(errorRise(0, 0, 0.1)).toBe(0);
    expect(errorRise(0.01, Infinity, 0.1)).toBe(0);
    expect(variance([1, 3])).toBe(1);
    expect(batchGap([1, 2], [1, 2.0001])).toBeLessThan(BATCH_GAP_TOLERANCE);
    expect(batchGap([1, 2], [1, 2.5])).toBeGreaterThan(BATCH_GAP_TOLERANCE);
    expect(batchGap([1, 2], [1, null])).toBe(Infinity);
  });

  const targets = [0.1, 0.5, -0.3, 0.8];
  const p = [0.12, 0.48, -0.29, 0.79];
  const same = { scored: p, reference: p };
  const ablate = (swap: number[], layer = "lstm_1") => [{ layer, values: swap }];
  const ordered = [{ layer: "lstm_1", change: 0.4 }, { layer: "l", change: 0.4 }];

  it("fails a layer whose swapped outputs leave the error where it was, and passes one the predictions need", () => {
    const dead = verdictAfterAblation(lstm, report(), same, targets, ablate(p.map((v) => v + 1e-4)), ordered);
    expect(dead.verdict.ok).toBe(false);
    expect(dead.verdict.feedback.en).toMatch(/Swapping the output of the LSTM layer \('lstm_1'\).*barely changed/);
    expect(dead.verdict.feedback["pt-BR"]).toMatch(/não faz o trabalho/);
    // A branch of noise: the predictions move, but the error does not rise (other noise, same size).
    const noisy = [0.2, 0.4, -0.2, 0.7];
    expect(verdictAfterAblation(lstm, report(), { scored: noisy, reference: noisy }, targets, ablate([0.0, 0.6, -0.4, 0.9]), ordered).verdict.ok).toBe(false);
    const alive = verdictAfterAblation(lstm, report(), same, targets, ablate([0.48, -0.29, 0.79, 0.12]), ordered);
    expect(alive.verdict.ok).toBe(true);
    expect(alive.results[0].rise).toBeGreaterThan(ABLATION_MIN_ERROR_RISE);
    expect(alive.verdict.feedback.en).toMatch(/does the work/);
    // A near-perfect model whose layer adds a trace: its error grows many times, but by nothing
    // next to the targets' spread.
    const exact = targets.map((t) => t + 1e-4);
    expect(verdictAfterAblation(lstm, report(), { scored: exact, reference: exact }, targets, ablate(targets.map((t) => t + 3e-3)), ordered).verdict.ok).toBe(false);
    // Just under and just over the line: the rise is measured in the targets' variance.
    const v = variance(targets);
    const base = errorOn(p, targets);
    const shifted = (k: number) => p.map((x, i) => targets[i] + Math.sign(x - targets[i] || 1) * Math.sqrt((x - targets[i]) ** 2 + k * ABLATION_MIN_ERROR_RISE * v));
    expect((errorOn(shifted(1), targets) - base) / v).toBeCloseTo(ABLATION_MIN_ERROR_RISE);
    expect(verdictAfterAblation(lstm, report(), same, targets, ablate(shifted(0.95), "l"), ordered).verdict.ok).toBe(false);
    expect(verdictAfterAblation(lstm, report(), same, targets, ablate(shifted(1.05), "l"), ordered).verdict.ok).toBe(true);
    // No layer to ablate is no evidence that it matters.
    expect(verdictAfterAblation(lstm, report(), same, targets, [], []).verdict.ok).toBe(false);
  });

  it("fails a layer that does not use the order of its sequence (one step, or the same step repeated)", () => {
    const swap = ablate([0.48, -0.29, 0.79, 0.12]);
    const oneStep = verdictAfterAblation(lstm, report(), same, targets, swap, [{ layer: "lstm_1", change: 0 }]);
    expect(oneStep.verdict.ok).toBe(false);
    expect(oneStep.verdict.feedback.en).toMatch(/backwards moved its output by only 0%.*single step/);
    expect(verdictAfterAblation(lstm, report(), same, targets, swap, [{ layer: "lstm_1", change: ORDER_MIN_OUTPUT_CHANGE * 0.9 }]).verdict.ok).toBe(false);
    expect(verdictAfterAblation(lstm, report(), same, targets, swap, [{ layer: "lstm_1", change: ORDER_MIN_OUTPUT_CHANGE * 1.1 }]).verdict.ok).toBe(true);
    expect(oneStep.verdict.feedback["pt-BR"]).toMatch(/de trás para frente/);
  });

  it("fails a model whose predictions depend on the rest of the batch, whatever the ablation says", () => {
    // The scored predictions (usual batches) differ from the same rows in the ablations' batch.
    const tripwire = verdictAfterAblation(lstm, report(), { scored: p, reference: [5, 5, 5, 5] }, targets, ablate([0.48, -0.29, 0.79, 0.12]), ordered);
    expect(tripwire.verdict.ok).toBe(false);
    expect(tripwire.verdict.feedback.en).toMatch(/change with the other examples in the batch/);
  });
});
