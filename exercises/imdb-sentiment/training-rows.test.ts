import { describe, expect, it } from "vitest";
import { acceptPadded } from "./training-rows";

const maxLen = 4;
const numWords = 10;
// Reference ('pre'): [0 0 1 5] [1 4 5 6] [0 0 0 1]
const reference = Float32Array.from([0, 0, 1, 5, 1, 4, 5, 6, 0, 0, 0, 1]);
const labels = Float32Array.from([1, 0, 1]);
const table = (values: number[], shape = [3, maxLen]) => ({ x: Float32Array.from(values), xShape: shape, y: null });

describe("the student's padded rows as training data", () => {
  it("trains on Keras's rows with the grader's labels, without a note", () => {
    const out = acceptPadded(table(Array.from(reference)), reference, labels, maxLen, numWords);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.train.x.shape).toEqual([3, 4]);
    expect(Array.from(out.train.y.data)).toEqual([1, 0, 1]);
    expect(out.notes).toEqual([]);
  });

  it("trains on post-padded rows, and names the padding side", () => {
    const out = acceptPadded(table([1, 5, 0, 0, 1, 4, 5, 6, 1, 0, 0, 0]), reference, labels, maxLen, numWords);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.notes[0].en).toContain("2 of the 3 differ");
    expect(out.notes[0].en).toContain("In 2 of them the zeros come after the review ('post')");
  });

  it("refuses rows of the wrong size, ids out of the vocabulary and fractions", () => {
    const wide = acceptPadded(table([...reference, 0, 0, 0], [3, 5]), reference, labels, maxLen, numWords);
    expect(!wide.ok && wide.message.en).toContain("expected 3 rows of 4 ids, got shape [3, 5]");
    const big = acceptPadded(table([0, 0, 1, 5, 1, 4, 5, 12, 0, 0, 0, 1]), reference, labels, maxLen, numWords);
    expect(!big.ok && big.message.en).toContain("row 1 holds 12");
    const frac = acceptPadded(table([0, 0, 1, 5, 1, 4, 5, 6, 0, 0, 0, 0.5]), reference, labels, maxLen, numWords);
    expect(!frac.ok && frac.message.en).toContain("row 2 holds 0.5");
    const nan = acceptPadded(table([0, 0, NaN, 5, 1, 4, 5, 6, 0, 0, 0, 1]), reference, labels, maxLen, numWords);
    expect(nan.ok).toBe(false);
  });
});
