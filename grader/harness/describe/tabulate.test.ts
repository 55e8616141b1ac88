import { describe, expect, it } from "vitest";
import { tabulate } from "./tabulate";

describe("tabulating a student's prepared data", () => {
  it("turns windows and targets into one float table", () => {
    const t = tabulate({ inputs: [[1, 2], [3, 4], [5, 6]], targets: [7, 8, 9] }, "windows", "makeWindows");
    expect(t).toEqual({ ok: true, x: Float32Array.from([1, 2, 3, 4, 5, 6]), xShape: [3, 2], y: Float32Array.from([7, 8, 9]) });
  });

  it("accepts [w, 1] windows, [[t]] targets, typed arrays and tensor-like values", () => {
    const tensor = { arraySync: () => [[1], [2]] };
    const t = tabulate({ inputs: [[[1], [2]], [[3], [4]]], targets: [[5], [6]] }, "windows", "f");
    expect(t.ok && t.xShape).toEqual([2, 2, 1]);
    expect(t.ok && Array.from(t.y!)).toEqual([5, 6]);
    const rows = tabulate([Float32Array.from([1, 2]), Int32Array.from([3, 4])], "rows", "pad");
    expect(rows.ok && Array.from(rows.x)).toEqual([1, 2, 3, 4]);
    expect(tabulate(tensor, "rows", "pad").ok).toBe(true);
  });

  it("makes anything that is not a number NaN, for the parent to refuse", () => {
    const t = tabulate({ inputs: [[1, "2"], [3, undefined]], targets: [null, 4] }, "windows", "f");
    expect(t.ok && Array.from(t.x).map(Number.isNaN)).toEqual([false, true, false, true]);
    expect(t.ok && Number.isNaN(t.y![0])).toBe(true);
  });

  it("says why a value is not a table", () => {
    expect(tabulate([[1, 2], [3]], "rows", "pad")).toEqual({ ok: false, problem: "pad(...)[1] has 1 values where pad(...)[0] has 2: every row must have the same length" });
    expect(tabulate(42, "rows", "pad")).toMatchObject({ ok: false, problem: expect.stringContaining("number, not a list of rows") });
    expect(tabulate([[1]], "windows", "mw")).toMatchObject({ ok: false, problem: expect.stringContaining("mw(...).inputs is undefined") });
    expect(tabulate({ inputs: [[1]], targets: "x" }, "windows", "mw")).toMatchObject({ ok: false, problem: expect.stringContaining("targets is string") });
  });

  it("gives an empty list an empty table", () => {
    expect(tabulate([], "rows", "pad")).toMatchObject({ ok: true, xShape: [0, 0] });
  });
});
