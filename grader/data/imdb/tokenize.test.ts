import { describe, expect, it } from "vitest";
import { encodeReview, textToWordSequence } from "./tokenize";

describe("Keras text encoding", () => {
  it("lower-cases, turns filter characters into spaces and keeps apostrophes", () => {
    expect(textToWordSequence("This movie... wasn't GOOD!<br />Really\tbad")).toEqual(["this", "movie", "wasn't", "good", "br", "really", "bad"]);
  });

  it("shifts ranks by index_from=3, marks the start with 1 and drops unknown words", () => {
    const index = new Map([["the", 1], ["movie", 17], ["br", 7]]);
    expect(encodeReview("The movie<br />zzzunknown the", index)).toEqual([1, 4, 20, 10, 4]);
  });
});
