import { describe, expect, it } from "vitest";
import { cutToVocabulary, padInto, padSequencesReference } from "./sequences";

describe("pad_sequences reference", () => {
  it("pads and truncates at the front, like Keras's defaults", () => {
    expect(padSequencesReference([[], [1, 2], [1, 2, 3], [1, 2, 3, 4, 5]], 3)).toEqual([[0, 0, 0], [0, 1, 2], [1, 2, 3], [3, 4, 5]]);
    expect(padSequencesReference([], 4)).toEqual([]);
  });

  it("writes the same rows into a flat buffer, cutting ids at numWords to the OOV mark", () => {
    const out = new Float32Array(2 * 4).fill(-1);
    padInto(out, 0, [1, 50, 3], 4, 10);
    padInto(out, 1, [1, 4, 5, 6, 99, 7], 4, 10);
    expect(Array.from(out)).toEqual([0, 1, 2, 3, 5, 6, 2, 7]);
    expect(cutToVocabulary([1, 9, 10, 11], 10)).toEqual([1, 9, 2, 2]);
  });
});
