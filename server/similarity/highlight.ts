/**
 * The side-by-side view's highlighting: a program cut into lines of segments, each segment
 * marked with the fragment that colours it (or none) and the fragments that start there.
 * Fragments come from Dolos as [startRow, startCol, endRow, endCol] from 0, the end
 * exclusive. They may overlap: code repeated in a program (buildRnn and buildLstm built
 * alike) matches each of its repetitions on the other side. Where they overlap the earlier
 * fragment gives the colour; every fragment is still numbered where it starts.
 */
export interface Segment {
  text: string;
  /** Index of the fragment colouring this text, or null. */
  fragment: number | null;
  /** Fragments (indices) that start at this segment's first character. */
  starts: number[];
}

export type Range = [number, number, number, number];

export function highlightLines(code: string, ranges: Range[]): Segment[][] {
  const lines = code.replace(/\r\n?/g, "\n").split("\n");
  return lines.map((line, row) => {
    const owner: (number | null)[] = new Array(line.length).fill(null);
    // Columns 0..line.length: a fragment starting past the end is numbered at the line's end.
    const startsAt = new Map<number, number[]>();
    ranges.forEach(([sr, sc, er, ec], index) => {
      if (row < sr || row > er) return;
      if (row === sr) {
        const at = Math.max(0, Math.min(sc, line.length));
        startsAt.set(at, [...(startsAt.get(at) ?? []), index]);
      }
      const from = row === sr ? sc : 0;
      const to = row === er ? Math.min(ec, line.length) : line.length;
      for (let c = Math.max(0, from); c < to; c++) owner[c] ??= index;
    });
    const segments: Segment[] = [];
    for (let c = 0; c <= line.length; c++) {
      const starts = startsAt.get(c) ?? [];
      if (c === line.length) {
        if (starts.length) segments.push({ text: "", fragment: null, starts });
        break;
      }
      const last = segments[segments.length - 1];
      if (last && last.fragment === owner[c] && starts.length === 0) last.text += line[c];
      else segments.push({ text: line[c], fragment: owner[c], starts });
    }
    return segments;
  });
}
