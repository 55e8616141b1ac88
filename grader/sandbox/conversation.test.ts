import { describe, expect, it } from "vitest";
import { Conversation, turn } from "./conversation";

describe("the order a sandbox must speak in", () => {
  it("accepts the expected turns and refuses a repeat, a skip or an early end", () => {
    const c = new Conversation([turn.phase("boot"), turn.type("ready")]);
    expect(c.accept({ type: "phase", name: "boot" })).toBeNull();
    expect(c.accept({ type: "phase", name: "boot" })).toMatch(/out of turn \(phase boot\): the grader expected ready/);
  });

  it("holds epochs to their order and count, and predictions to their size", () => {
    const c = new Conversation([turn.epoch("m", 0), turn.epoch("m", 1), turn.values("predictions", "m", 3), turn.type("done")]);
    expect(c.accept({ type: "epoch", model: "m", epoch: 0 })).toBeNull();
    expect(c.accept({ type: "epoch", model: "m", epoch: 0 })).toMatch(/expected epoch 2 of m/);
    const d = new Conversation([turn.values("predictions", "m", 3)]);
    expect(d.accept({ type: "predictions", model: "m", values: [1, 2] })).toMatch(/predictions of m \(3 values\)/);
    expect(d.accept({ type: "predictions", model: "m", values: [1, 2, 3] })).toBeNull();
    expect(d.accept({ type: "predictions", model: "m", values: [1, 2, 3] })).toMatch(/expected nothing yet/);
  });

  it("takes a failure at any turn and nothing after it or after done", () => {
    const c = new Conversation([turn.phase("boot")]);
    expect(c.accept({ type: "failure" })).toBeNull();
    expect(c.accept({ type: "phase", name: "boot" })).toMatch(/after the end/);
    const d = new Conversation([turn.type("done")]);
    expect(d.accept({ type: "done" })).toBeNull();
    expect(d.finished).toBe(true);
    expect(d.accept({ type: "failure" })).toMatch(/after the end/);
  });

  it("lets the parent lay out turns as it learns them", () => {
    const c = new Conversation();
    expect(c.accept({ type: "probe", id: "a" })).toMatch(/expected nothing yet/);
    c.expect(turn.probe("a"));
    expect(c.accept({ type: "probe", id: "a" })).toBeNull();
  });
});
