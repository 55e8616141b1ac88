/**
 * What a student's function returned, as plain JSON data: typed arrays and tensor-like values
 * become arrays, non-finite numbers their names. Used where student values cross a boundary:
 * the describe sandbox's wire, and the practice worker's messages to the page.
 */
export function toPlain(value: unknown, depth = 0): unknown {
  if (depth > 6) return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map((v) => toPlain(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v, depth + 1);
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}
