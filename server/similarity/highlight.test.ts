import { describe, expect, it } from "vitest";
import { highlightLines } from "./highlight";

describe("highlightLines", () => {
  it("marks the columns a fragment covers, across lines, end exclusive, and where it starts", () => {
    const lines = highlightLines("abc\ndef\nghi", [[0, 1, 2, 1]]);
    expect(lines).toEqual([
      [{ text: "a", fragment: null, starts: [] }, { text: "bc", fragment: 0, starts: [0] }],
      [{ text: "def", fragment: 0, starts: [] }],
      [{ text: "g", fragment: 0, starts: [] }, { text: "hi", fragment: null, starts: [] }],
    ]);
  });

  it("colours overlaps by the earlier fragment and still numbers the later one where it starts", () => {
    const lines = highlightLines("0123456789\nplain\r\nend", [[0, 2, 0, 6], [0, 4, 0, 8], [0, 2, 0, 3]]);
    expect(lines[0]).toEqual([
      { text: "01", fragment: null, starts: [] },
      { text: "23", fragment: 0, starts: [0, 2] },
      { text: "45", fragment: 0, starts: [1] },
      { text: "67", fragment: 1, starts: [] },
      { text: "89", fragment: null, starts: [] },
    ]);
    expect(lines[1]).toEqual([{ text: "plain", fragment: null, starts: [] }]);
    expect(lines[2]).toEqual([{ text: "end", fragment: null, starts: [] }]);
  });

  it("numbers a fragment starting at a line's end, and ignores ranges past the file", () => {
    const lines = highlightLines("ab\ncd", [[0, 2, 1, 1], [0, 0, 5, 99]]);
    expect(lines[0]).toEqual([{ text: "ab", fragment: 1, starts: [1] }, { text: "", fragment: null, starts: [0] }]);
    expect(lines[1]).toEqual([{ text: "c", fragment: 0, starts: [] }, { text: "d", fragment: 1, starts: [] }]);
  });
});
