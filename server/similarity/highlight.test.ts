import { describe, expect, it } from "vitest";
import { highlightLines } from "./highlight";

describe("highlightLines", () => {
  it("marks the columns a fragment covers, across lines, end exclusive", () => {
    const lines = highlightLines("abc\ndef\nghi", [[0, 1, 2, 1]]);
    expect(lines).toEqual([
      [{ text: "a", fragment: null }, { text: "bc", fragment: 0 }],
      [{ text: "def", fragment: 0 }],
      [{ text: "g", fragment: 0 }, { text: "hi", fragment: null }],
    ]);
  });

  it("keeps the earlier fragment where two overlap, and unmarked lines whole", () => {
    const lines = highlightLines("0123456789\nplain\r\nend", [[0, 2, 0, 6], [0, 4, 0, 8]]);
    expect(lines[0]).toEqual([
      { text: "01", fragment: null },
      { text: "2345", fragment: 0 },
      { text: "67", fragment: 1 },
      { text: "89", fragment: null },
    ]);
    expect(lines[1]).toEqual([{ text: "plain", fragment: null }]);
    expect(lines[2]).toEqual([{ text: "end", fragment: null }]);
  });

  it("ignores ranges past the end of a line or of the file", () => {
    const lines = highlightLines("ab\n", [[0, 0, 5, 99]]);
    expect(lines).toEqual([[{ text: "ab", fragment: 0 }], []]);
  });
});
