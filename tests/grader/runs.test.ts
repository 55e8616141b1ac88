/**
 * A grade is the median of N training runs: each run from its own seed, the median one
 * chosen, every run's score and metrics in the result, and the same N runs (and grade) on a
 * rerun of the same file.
 */
import { describe, expect, it } from "vitest";
import { exercise, grade } from "./grade";

describe("grades over several seeds", () => {
  it("trains N runs from consecutive seeds, keeps the median one, and reruns to the same grade", async () => {
    const code = exercise("sine-forecast", "solution.ts");
    const first = await grade("sine-forecast", code, { seed: 7, overrides: { runs: 3 } });
    const runs = first.runs!;
    expect(runs.each.map((r) => r.seed)).toEqual([7, 8, 9]);
    // Different seeds train different models.
    const mses = runs.each.map((r) => r.metrics.testMse!);
    expect(new Set(mses).size).toBe(3);
    // The median by score, then by MSE: here every run has full marks, so the median MSE.
    const sorted = [...mses].sort((a, b) => b - a);
    expect(runs.each[runs.chosen].metrics.testMse).toBe(sorted[1]);
    expect(first.metrics.testMse).toBe(sorted[1]);
    expect(first.score).toBe(runs.each[runs.chosen].score);
    expect(runs.spread.testMse).toEqual({ min: Math.min(...mses), median: sorted[1], max: Math.max(...mses) });
    expect(first.samples?.model).toEqual({ train: 882, validation: 98, test: 400 });
    // Each run's phases are in the timing, by seed.
    expect(first.timing.phases.some((p) => p.name.includes("[seed 9]"))).toBe(true);

    const again = await grade("sine-forecast", code, { seed: 7, overrides: { runs: 3 } });
    expect(again.runs!.each).toEqual(runs.each);
    expect(again.score).toBe(first.score);
  });

  it("takes the task's N when the instructor asks for fewer, and one run is the task's quick default", async () => {
    const code = exercise("next-number", "solution.ts");
    const r = await grade("next-number", code, { overrides: { runs: 1 } });
    expect(r.runs!.each).toHaveLength(1);
    expect(r.runs!.chosen).toBe(0);
  });
});
