import { describe, expect, it } from "vitest";
import { lineDiff, type DiffLine } from "./line-diff";

const show = (d: DiffLine[]) => d.map((l) => `${l.kind === "same" ? " " : l.kind === "added" ? "+" : "-"}${l.text}`);

describe("lineDiff", () => {
  it("finds nothing changed in equal texts", () => {
    const d = lineDiff("a\nb\nc", "a\nb\nc");
    expect(d.every((l) => l.kind === "same")).toBe(true);
    expect(d.map((l) => [l.oldLine, l.newLine])).toEqual([[1, 1], [2, 2], [3, 3]]);
  });

  it("marks a changed line as removed then added, with both versions' line numbers", () => {
    const d = lineDiff("a\nepochs: 200\nc", "a\nepochs: 20\nc");
    expect(show(d)).toEqual([" a", "-epochs: 200", "+epochs: 20", " c"]);
    expect(d.filter((l) => l.kind === "removed")).toEqual([{ kind: "removed", text: "epochs: 200", oldLine: 2 }]);
    expect(d.filter((l) => l.kind === "added")).toEqual([{ kind: "added", text: "epochs: 20", newLine: 2 }]);
    expect(d[3]).toEqual({ kind: "same", text: "c", oldLine: 3, newLine: 3 });
  });

  it("aligns insertions and deletions in the middle on the common lines", () => {
    const d = lineDiff("x\na\nb\nc\ny", "x\na\nnew\nc\nmore\ny");
    expect(show(d)).toEqual([" x", " a", "-b", "+new", " c", "+more", " y"]);
    expect(d.filter((l) => l.kind === "same").map((l) => l.text)).toEqual(["x", "a", "c", "y"]);
    expect(d.filter((l) => l.kind === "removed").map((l) => l.text)).toEqual(["b"]);
    expect(d.filter((l) => l.kind === "added").map((l) => l.text)).toEqual(["new", "more"]);
    const y = d.find((l) => l.text === "y")!;
    expect([y.oldLine, y.newLine]).toEqual([5, 6]);
  });

  it("handles an empty earlier version", () => {
    // "" is one empty line, as an empty editor is.
    expect(show(lineDiff("", "a\nb"))).toEqual(["-", "+a", "+b"]);
  });
});
