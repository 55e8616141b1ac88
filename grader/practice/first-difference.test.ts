import { describe, expect, it } from "vitest";
import { firstDifference, pathText } from "./first-difference";

describe("firstDifference", () => {
  it("finds nothing in equal values, within a float tolerance", () => {
    expect(firstDifference({ inputs: [[1, 2]], targets: [3] }, { inputs: [[1, 2 + 1e-12]], targets: [3] })).toBeNull();
  });

  it("names the first differing element of nested arrays", () => {
    const d = firstDifference({ inputs: [[1, 2], [2, 9]], targets: [3, 4] }, { inputs: [[1, 2], [2, 3]], targets: [3, 4] });
    expect(d).toEqual({ path: ["inputs", 1, 1], expected: 3, actual: 9 });
    expect(pathText("result", d!.path)).toBe("result.inputs[1][1]");
  });

  it("reports a missing or extra row at its index", () => {
    expect(firstDifference([[0, 1]], [[0, 1], [0, 2]])).toEqual({ path: [1], expected: [0, 2], actual: undefined });
    expect(firstDifference([[0, 1], [5]], [[0, 1]])).toEqual({ path: [1], expected: undefined, actual: [5] });
  });

  it("tells a non-array or a string apart from a number", () => {
    expect(firstDifference("1", 1)).toEqual({ path: [], expected: 1, actual: "1" });
    expect(firstDifference(null, { inputs: [] })).toEqual({ path: [], expected: { inputs: [] }, actual: null });
  });
});
