import { describe, expect, it } from "vitest";
import { makeWindowsReference } from "../../grader/data/sine";
import { acceptWindows } from "./training-windows";

const series = Array.from({ length: 30 }, (_, i) => Math.sin(i / 3));
const w = 5;
const reference = makeWindowsReference(series, w);
const table = (inputs: number[][], targets: number[]) => ({ x: Float32Array.from(inputs.flat()), xShape: [inputs.length, inputs[0]?.length ?? 0], y: Float32Array.from(targets) });

describe("the student's windows as training data", () => {
  it("trains on the reference's windows without a note", () => {
    const out = acceptWindows(table(reference.inputs, reference.targets), reference, series, w);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.train.x.shape).toEqual([25, 5, 1]);
    expect(out.train.y.shape).toEqual([25, 1]);
    expect(out.notes).toEqual([]);
  });

  it("trains on shifted windows, and says where they differ", () => {
    const targets = reference.inputs.map((row) => row[w - 1]); // off by one: the last input
    const out = acceptWindows(table(reference.inputs, targets), reference, series, w);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(Array.from(out.train.y.data)).toEqual(Array.from(Float32Array.from(targets)));
    expect(out.notes[0].en).toContain("first difference is window 0");
  });

  it("refuses a target past the end of the series", () => {
    const inputs = [...reference.inputs, series.slice(25, 30)];
    const out = acceptWindows(table(inputs, [...reference.targets, NaN]), reference, series, w);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.message.en).toContain("targets[25] is not a finite number");
  });

  it("refuses windows of another length, mismatched targets, and more windows than values", () => {
    const short = acceptWindows(table(reference.inputs.map((r) => r.slice(1)), reference.targets), reference, series, w);
    expect(!short.ok && short.message.en).toContain("each input must hold 5 values");
    const missing = acceptWindows(table(reference.inputs, reference.targets.slice(1)), reference, series, w);
    expect(!missing.ok && missing.message.en).toContain("25 inputs but 24 targets");
    const many = Array.from({ length: 31 }, () => series.slice(0, 5));
    const tooMany = acceptWindows(table(many, many.map(() => 0)), reference, series, w);
    expect(!tooMany.ok && tooMany.message.en).toContain("31 windows from a series of 30 values");
    const none = acceptWindows({ x: new Float32Array(0), xShape: [0, 5], y: new Float32Array(0) }, reference, series, w);
    expect(none.ok).toBe(false);
  });
});
