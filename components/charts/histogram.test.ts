import { describe, expect, it } from "vitest";
import { probabilityBins, thresholdShares } from "./histogram";

describe("probabilityBins", () => {
  it("counts each class in bins of 0.1 from 0 to 1", () => {
    const bins = probabilityBins([
      { actual: 1, predicted: 0.95 },
      { actual: 1, predicted: 1 },
      { actual: 1, predicted: 0.3 },
      { actual: 0, predicted: 0.05 },
      { actual: 0, predicted: 0.3 },
      { actual: 0, predicted: null },
    ]);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ from: 0, to: 0.1, center: 0.05, positive: 0, negative: 1 });
    // 0.3 belongs to [0.3, 0.4), not to [0.2, 0.3) where floating point would put it.
    expect(bins[3]).toMatchObject({ from: 0.3, positive: 1, negative: 1 });
    // 1 is in the last bin, which is closed.
    expect(bins[9]).toMatchObject({ from: 0.9, to: 1, positive: 2, negative: 0 });
    expect(bins.reduce((s, b) => s + b.positive + b.negative, 0)).toBe(5);
  });
});

describe("thresholdShares", () => {
  it("counts positives at or above 0.5 and negatives below it; no prediction is a miss", () => {
    expect(thresholdShares([
      { actual: 1, predicted: 0.5 },
      { actual: 1, predicted: 0.49 },
      { actual: 1, predicted: null },
      { actual: 0, predicted: 0.1 },
      { actual: 0, predicted: 0.7 },
    ])).toEqual({ positives: 3, positivesAbove: 1, negatives: 2, negativesBelow: 1 });
  });
});
