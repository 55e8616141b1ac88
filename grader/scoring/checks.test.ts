import { describe, expect, it } from "vitest";
import { applyOverrides, baselineCheck, contractCheck, gatedCheck, thresholdCheck } from "./checks";
import { accuracy, confusion, mse } from "./metrics";
import { trainingDiagnostics } from "./diagnostics";

const rule = { title: { "pt-BR": "t", en: "t" }, points: 4, threshold: { full: 0.01, partial: 0.02 } };

describe("threshold checks", () => {
  it("gives full, half and no points at the thresholds' boundaries", () => {
    const lower = { metric: "MSE", lowerIsBetter: true };
    expect(thresholdCheck("m", rule, 0.01, lower)).toMatchObject({ points: 4, status: "passed" });
    expect(thresholdCheck("m", rule, 0.0100001, lower)).toMatchObject({ points: 2, status: "partial" });
    expect(thresholdCheck("m", rule, 0.02, lower)).toMatchObject({ points: 2, status: "partial" });
    expect(thresholdCheck("m", rule, 0.0200001, lower)).toMatchObject({ points: 0, status: "failed" });
    expect(thresholdCheck("m", rule, NaN, lower)).toMatchObject({ points: 0, status: "failed" });
    const acc = { ...rule, threshold: { full: 0.8, partial: 0.7 } };
    expect(thresholdCheck("a", acc, 0.75, { metric: "accuracy", lowerIsBetter: false })).toMatchObject({ points: 2 });
  });

  it("applies stored overrides of points and thresholds", () => {
    const rules = applyOverrides({ m: rule }, { points: { m: 10 }, thresholds: { m: { full: 0.05 } } });
    expect(rules.m.points).toBe(10);
    expect(rules.m.threshold).toEqual({ full: 0.05, partial: 0.02 });
    expect(thresholdCheck("m", rules.m, 0.03, { metric: "MSE", lowerIsBetter: true }).points).toBe(10);
  });

  it("compares with a baseline strictly", () => {
    const r = { title: { "pt-BR": "b", en: "b" }, points: 2 };
    const names = { "pt-BR": "ingênuo", en: "naive" };
    expect(baselineCheck("b", r, 0.5, 0.5, { baseline: names, lowerIsBetter: true }).points).toBe(0);
    // With a margin, a copy of the baseline (just under it) does not earn the points.
    const close = baselineCheck("b", r, 0.48, 0.5, { baseline: names, lowerIsBetter: true, margin: 0.1 });
    expect(close.points).toBe(0);
    expect(close.feedback?.en).toContain("it takes better than 0.4500");
    expect(baselineCheck("b", r, 0.44, 0.5, { baseline: names, lowerIsBetter: true, margin: 0.1 }).points).toBe(r.points);
    expect(baselineCheck("b", r, 0.54, 0.5, { baseline: names, lowerIsBetter: false, margin: 0.05 }).points).toBe(0);
    expect(baselineCheck("b", r, 0.56, 0.5, { baseline: names, lowerIsBetter: false, margin: 0.05 }).points).toBe(r.points);
    const won = baselineCheck("b", r, 0.4, 0.5, { baseline: names, lowerIsBetter: true });
    expect(won.points).toBe(2);
    expect(won.feedback?.en).toContain("naive");
    expect(won.feedback?.["pt-BR"]).toContain("ingênuo");
  });

  it("gives a contract check all or nothing, with the verdict's words, and gates metric checks", () => {
    const r = { title: { "pt-BR": "c", en: "c" }, points: 2 };
    const feedback = { code: "x", params: {}, "pt-BR": "motivo", en: "reason" };
    expect(contractCheck("c", r, { ok: true, feedback }).points).toBe(2);
    const failed = contractCheck("c", r, { ok: false, feedback });
    expect(failed.points).toBe(0);
    expect(failed.feedback?.en).toBe("reason");
    const gated = gatedCheck("m", { ...r, points: 4, threshold: { full: 1, partial: 2 } }, "lstm");
    expect(gated.points).toBe(0);
    expect(gated.status).toBe("failed");
    expect(gated.feedback?.en).toMatch(/model 'lstm' does not meet the contract/);
  });
});

describe("metrics and diagnostics", () => {
  it("computes MSE and a confusion matrix at the 0.5 cut", () => {
    expect(mse([1, 2], [1, 4])).toBe(2);
    const c = confusion([0.9, 0.5, 0.49, 0.1], [1, 0, 1, 0]);
    expect(c).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(accuracy(c)).toBe(0.5);
  });

  it("names NaN loss, divergence, overfitting and constant predictions", () => {
    const pt = (epoch: number, loss: number | null, valLoss?: number) => ({ epoch, loss, valLoss, ms: 1 });
    const codes = (d: ReturnType<typeof trainingDiagnostics>) => d.map((x) => x.text.code);
    expect(codes(trainingDiagnostics("m", [pt(0, 1), pt(1, null)], null))).toContain("diag.nanLoss");
    expect(codes(trainingDiagnostics("m", [pt(0, 1), pt(1, 2), pt(2, 3)], null))).toContain("diag.diverging");
    expect(codes(trainingDiagnostics("m", [pt(0, 0.5, 0.5), pt(1, 0.4, 0.6), pt(2, 0.3, 0.7)], null))).toContain("diag.overfitting");
    expect(codes(trainingDiagnostics("m", [], Float32Array.from([0.5, 0.5, 0.5])))).toContain("diag.constant");
    expect(trainingDiagnostics("m", [pt(0, 1, 1.1), pt(1, 0.5, 0.6), pt(2, 0.2, 0.3)], Float32Array.from([0, 1, 0.5]))).toEqual([]);
  });
});
