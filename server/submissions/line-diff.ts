/**
 * A line diff of two versions of a submission, for "what changed since my last attempt".
 * No diff library is installed; submissions are a few hundred lines, so the longest common
 * subsequence of the lines (after trimming the common head and tail) is cheap and exact.
 */

export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
  /** 1-based line in the earlier version (same, removed). */
  oldLine?: number;
  /** 1-based line in this version (same, added). */
  newLine?: number;
}

/** Past this many cells the middle is shown as removed-then-added rather than aligned. */
const MAX_TABLE_CELLS = 4_000_000;

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;

  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: "same", text: a[i], oldLine: i + 1, newLine: i + 1 });
  out.push(...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail), head));
  for (let k = tail; k > 0; k--) {
    const i = a.length - k;
    const j = b.length - k;
    out.push({ kind: "same", text: a[i], oldLine: i + 1, newLine: j + 1 });
  }
  return out;
}

function middle(a: string[], b: string[], offset: number): DiffLine[] {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_TABLE_CELLS) {
    return [
      ...a.map((text, i) => ({ kind: "removed" as const, text, oldLine: offset + i + 1 })),
      ...b.map((text, j) => ({ kind: "added" as const, text, newLine: offset + j + 1 })),
    ];
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: "same", text: a[i], oldLine: offset + i + 1, newLine: offset + j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
      // A replaced line reads as its old version, then its new one.
      out.push({ kind: "removed", text: a[i], oldLine: offset + i + 1 });
      i++;
    } else {
      out.push({ kind: "added", text: b[j], newLine: offset + j + 1 });
      j++;
    }
  }
  return out;
}
