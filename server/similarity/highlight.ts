/**
 * The side-by-side view's highlighting: a program cut into lines of segments, each segment
 * marked with the fragment that covers it (or none). Fragments come from Dolos as
 * [startRow, startCol, endRow, endCol] from 0, the end exclusive; where two overlap, the
 * earlier fragment wins.
 */
export interface Segment {
  text: string;
  /** Index of the fragment covering this text, or null. */
  fragment: number | null;
}

export type Range = [number, number, number, number];

export function highlightLines(code: string, ranges: Range[]): Segment[][] {
  const lines = code.replace(/\r\n?/g, "\n").split("\n");
  return lines.map((line, row) => {
    // Which fragment covers each column of this line.
    const owner: (number | null)[] = new Array(line.length).fill(null);
    ranges.forEach(([sr, sc, er, ec], index) => {
      if (row < sr || row > er) return;
      const from = row === sr ? sc : 0;
      const to = row === er ? Math.min(ec, line.length) : line.length;
      for (let c = Math.max(0, from); c < to; c++) owner[c] ??= index;
    });
    const segments: Segment[] = [];
    for (let c = 0; c < line.length; c++) {
      const last = segments[segments.length - 1];
      if (last && last.fragment === owner[c]) last.text += line[c];
      else segments.push({ text: line[c], fragment: owner[c] });
    }
    return segments;
  });
}

/** The first line (from 0) of each fragment on one side, to jump to it. */
export function fragmentStarts(ranges: Range[]): number[] {
  return ranges.map(([sr]) => sr);
}
