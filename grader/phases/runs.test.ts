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

  it("runs on as many lanes as it was given, each taking the next run", async () => {
    let running = 0;
    let peak = 0;
    const results = await runAll(5, 2, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 10));
      running--;
      return i * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
  });

  it("runs one lane when it has one, and never more lanes than runs", async () => {
    for (const [n, lanes, expected] of [[3, 1, 1], [2, 4, 2]] as const) {
      let peak = 0;
      let running = 0;
      await runAll(n, lanes, async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      });
      expect(peak).toBe(expected);
    }
  });

  it("lends the machine's spare cores, and takes them back", () => {
    const slots = localSlots(1);
    expect(slots.tryAcquire()).toBe(true);
    expect(slots.tryAcquire()).toBe(false);
    slots.release();
    expect(slots.tryAcquire()).toBe(true);
  });
});
