/**
 * Turns what a student's data preparation returned into a float32 table for the wire. It runs
 * in the describe sandbox, right after their function: the value is theirs, so this only
 * reshapes it (rows of equal length, numbers; anything else becomes NaN for the parent to
 * refuse) and says in words why a value is not a table. The parent validates the result.
 */
import { PREPARED_MAX_VALUES } from "../../sandbox/protocol";

export type Tabulated =
  | { ok: true; x: Float32Array; xShape: number[]; y: Float32Array | null }
  | { ok: false; problem: string };

type Listish = ArrayLike<unknown>;

/** Arrays, typed arrays and tensors (through their own arraySync) read as lists. */
function asList(value: unknown): Listish | null {
  if (Array.isArray(value)) return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return value as unknown as ArrayLike<number>;
  if (value && typeof value === "object" && typeof (value as { arraySync?: unknown }).arraySync === "function") {
    const plain = (value as { arraySync: () => unknown }).arraySync();
    return Array.isArray(plain) ? plain : null;
  }
  return null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}

/** A list of rows, each a list of numbers or a list of one-number lists ([w] or [w, 1]). */
function table(value: unknown, what: string): { ok: true; x: Float32Array; xShape: number[] } | { ok: false; problem: string } {
  const rows = asList(value);
  if (!rows) return { ok: false, problem: `${what} is ${describe(value)}, not a list of rows` };
  const n = rows.length;
  if (n === 0) return { ok: true, x: new Float32Array(0), xShape: [0, 0] };
  const first = asList(rows[0]);
  if (!first) return { ok: false, problem: `${what}[0] is ${describe(rows[0])}, not a list of numbers` };
  const width = first.length;
  // A window of [value] pairs ([w, 1]) is accepted as the lesson's reshape would make it.
  const nested = width > 0 && asList(first[0]) !== null;
  if (n * Math.max(width, 1) > PREPARED_MAX_VALUES) return { ok: false, problem: `${what} holds ${n} rows of ${width}: more than the grader accepts` };
  const x = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const row = i === 0 ? first : asList(rows[i]);
    if (!row) return { ok: false, problem: `${what}[${i}] is ${describe(rows[i])}, not a list of numbers` };
    if (row.length !== width) return { ok: false, problem: `${what}[${i}] has ${row.length} values where ${what}[0] has ${width}: every row must have the same length` };
    for (let j = 0; j < width; j++) {
      let v = row[j];
      if (nested) {
        const cell = asList(v);
        v = cell && cell.length === 1 ? cell[0] : NaN;
      }
      x[i * width + j] = typeof v === "number" ? v : NaN;
    }
  }
  return { ok: true, x, xShape: nested ? [n, width, 1] : [n, width] };
}

function numbers(value: unknown, what: string): { ok: true; y: Float32Array } | { ok: false; problem: string } {
  const list = asList(value);
  if (!list) return { ok: false, problem: `${what} is ${describe(value)}, not a list of numbers` };
  if (list.length > PREPARED_MAX_VALUES) return { ok: false, problem: `${what} holds more values than the grader accepts` };
  const y = new Float32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    let v = list[i];
    const cell = asList(v);
    if (cell) v = cell.length === 1 ? cell[0] : NaN; // [[t], [t]...] as well as [t, t...]
    y[i] = typeof v === "number" ? v : NaN;
  }
  return { ok: true, y };
}

export function tabulate(value: unknown, output: "windows" | "rows", fn: string): Tabulated {
  if (output === "rows") {
    const t = table(value, `${fn}(...)`);
    return t.ok ? { ...t, y: null } : t;
  }
  if (!value || typeof value !== "object") return { ok: false, problem: `${fn}(...) returned ${describe(value)}, not { inputs, targets }` };
  const { inputs, targets } = value as { inputs?: unknown; targets?: unknown };
  const t = table(inputs, `${fn}(...).inputs`);
  if (!t.ok) return t;
  const y = numbers(targets, `${fn}(...).targets`);
  if (!y.ok) return y;
  return { ok: true, x: t.x, xShape: t.xShape, y: y.y };
}
