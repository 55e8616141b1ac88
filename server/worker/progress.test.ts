import { describe, expect, it } from "vitest";
import { applyProgress, throttled, type LiveProgress } from "./progress";

describe("live progress", () => {
  it("grows each model's curve as epochs finish and follows the phase", () => {
    let p: LiveProgress = { phase: "queued", totalEpochs: 0, curves: {} };
    p = applyProgress(p, { type: "phase", phase: "train:rnn" });
    p = applyProgress(p, { type: "epoch", model: "rnn", totalEpochs: 3, point: { epoch: 0, loss: 0.5, ms: 10 } });
    p = applyProgress(p, { type: "epoch", model: "rnn", totalEpochs: 3, point: { epoch: 1, loss: 0.4, ms: 10 } });
    expect(p.phase).toBe("train:rnn");
    expect(p.totalEpochs).toBe(3);
    expect(p.curves.rnn.map((x) => x.loss)).toEqual([0.5, 0.4]);
  });

  it("writes at most once per interval and never drops the last value", async () => {
    const written: number[] = [];
    const t = throttled<number>(50, async (v) => void written.push(v));
    for (let i = 1; i <= 10; i++) t.push(i);
    await new Promise((r) => setTimeout(r, 80));
    t.push(11);
    t.push(12);
    await t.settle();
    expect(written[written.length - 1]).toBe(12);
    expect(written.length).toBeLessThanOrEqual(3);
  });
});
