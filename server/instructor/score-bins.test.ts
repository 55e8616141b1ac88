import { describe, expect, it } from "vitest";
import { binIndex, binLabel, scoreBins } from "./score-bins";

describe("score distribution bins", () => {
  it("gives full marks a bar of its own, apart from 90–99 %", () => {
    const bins = scoreBins([1, 0.99, 0.9, 0.95]);
    expect(bins).toHaveLength(11);
    expect(bins[10]).toEqual({ from: 100, to: 100, count: 1 });
    expect(bins[9]).toEqual({ from: 90, to: 99, count: 3 });
  });

  it("puts each share at its bar's lower edge, and is not fooled by floating point", () => {
    expect(binIndex(0)).toBe(0);
    expect(binIndex(0.099)).toBe(0);
    expect(binIndex(0.1)).toBe(1);
    expect(binIndex(0.57)).toBe(5);
    expect(binIndex(0.7)).toBe(7);
    // 0.3 * 10 is 3.0000000000000004 and 0.29 * 100 is 28.999999999999996 in floating point.
    expect(binIndex(0.3)).toBe(3);
    expect(binIndex(0.29)).toBe(2);
    expect(binIndex(0.9999)).toBe(10); // 99.99 % rounds to 100.0 % at a tenth of a percent
    expect(binIndex(0.998)).toBe(9);
  });

  it("keeps out-of-range shares on the scale and counts every student once", () => {
    const bins = scoreBins([-0.2, 1.3, 0.5]);
    expect(bins[0].count).toBe(1);
    expect(bins[10].count).toBe(1);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(3);
  });

  it("labels the bars with both ends", () => {
    const labels = scoreBins([]).map(binLabel);
    expect(labels[0]).toBe("0–9%");
    expect(labels[9]).toBe("90–99%");
    expect(labels[10]).toBe("100%");
  });
});
