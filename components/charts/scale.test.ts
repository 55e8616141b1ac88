import { describe, expect, it } from "vitest";
import { epochTicks, logTicks, niceStep, niceTicks, shouldUseLogScale } from "./scale";

describe("niceTicks", () => {
  it("covers the range with round steps", () => {
    expect(niceTicks(0, 120)).toEqual([0, 25, 50, 75, 100, 125]);
    expect(niceTicks(0.05, 1.25)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
    expect(niceTicks(-0.93, 0.98)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
  it("prints decimal steps without floating-point noise", () => {
    const ticks = niceTicks(0.1, 0.7, 6);
    expect(ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });
  it("gives a flat series a band around its value", () => {
    const ticks = niceTicks(0.5, 0.5);
    expect(ticks[0]).toBeLessThan(0.5);
    expect(ticks[ticks.length - 1]).toBeGreaterThan(0.5);
  });
  it("picks among 1, 2, 2.5 and 5 times a power of ten", () => {
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(120, 5)).toBe(25);
    expect(niceStep(7, 5)).toBe(2);
  });
});

describe("shouldUseLogScale", () => {
  it("is on when the values fall over more than a decade", () => {
    expect(shouldUseLogScale([0.5, 0.1, 0.02, null])).toBe(true);
  });
  it("is off at a decade or less, for a single value, or with a value a log axis cannot place", () => {
    expect(shouldUseLogScale([0.5, 0.05])).toBe(false);
    expect(shouldUseLogScale([0.5])).toBe(false);
    expect(shouldUseLogScale([0.5, 0.01, 0])).toBe(false);
  });
});

describe("logTicks", () => {
  it("uses powers of ten over many decades, one beyond each end at most", () => {
    expect(logTicks(0.0003, 0.7)).toEqual([0.0001, 0.001, 0.01, 0.1, 1]);
  });
  it("adds 2 and 5 times the power over two decades or fewer", () => {
    expect(logTicks(0.012, 0.4)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5]);
  });
});

describe("epochTicks", () => {
  it("lists every epoch up to ten, then round whole numbers", () => {
    expect(epochTicks(2)).toEqual([1, 2]);
    expect(epochTicks(200)).toEqual([0, 50, 100, 150, 200]);
    expect(epochTicks(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(epochTicks(37).every(Number.isInteger)).toBe(true);
  });
});
