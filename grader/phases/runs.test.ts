import { describe, expect, it } from "vitest";
import { localSlots, MAX_RUNS, medianIndex, runAll, runCount, runSeeds, spreadOf } from "./runs";

describe("training runs", () => {
  it("takes the task's N, raised (never lowered) by the instructor, within the cap", () => {
    expect(runCount(5, undefined)).toBe(5);
    expect(runCount(5, 3)).toBe(5);
    expect(runCount(5, 9)).toBe(9);
    expect(runCount(1, 1000)).toBe(MAX_RUNS);
    expect(runSeeds(7, 3)).toEqual([7, 8, 9]);
  });

  it("picks the median run by score, then by rank, the upper middle for even N", () => {
    expect(medianIndex([{ score: 4, rank: 0 }, { score: 10, rank: 0 }, { score: 8, rank: 0 }])).toBe(2);
    // Equal scores: the rank decides, so the chosen run's metric is the median one too.
    expect(medianIndex([{ score: 10, rank: -0.03 }, { score: 10, rank: -0.01 }, { score: 10, rank: -0.02 }])).toBe(2);
    // A run without a rank (NaN metrics) sorts as the worst.
    expect(medianIndex([{ score: 6, rank: null }, { score: 6, rank: -1 }, { score: 6, rank: -2 }])).toBe(2);
    expect(medianIndex([{ score: 1, rank: 0 }, { score: 2, rank: 0 }, { score: 3, rank: 0 }, { score: 4, rank: 0 }])).toBe(2);
    expect(medianIndex([{ score: 3, rank: 0 }])).toBe(0);
  });

  it("spreads only finite values", () => {
    expect(spreadOf([3, null, 1, NaN, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
    expect(spreadOf([null, undefined])).toBeNull();
  });

  it("runs on the job's own lane plus the cores it could borrow, and gives them back", async () => {
    const slots = localSlots(1);
    let running = 0;
    let peak = 0;
    const results = await runAll(5, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
      return i * 10;
    }, slots);
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
    expect(slots.tryAcquire()).toBe(true); // released after use
    expect(slots.tryAcquire()).toBe(false);
  });

  it("runs one lane when no core is free", async () => {
    let peak = 0;
    let running = 0;
    await runAll(3, async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    }, localSlots(0));
    expect(peak).toBe(1);
  });
});
