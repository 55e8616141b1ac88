/**
 * Where a student's value first differs from the reference's: the path to it (indices and
 * keys) and both values there. What the practice view highlights beside the two outputs.
 */
export type Path = (number | string)[];

export interface Difference {
  path: Path;
  expected: unknown;
  actual: unknown;
}

const TOLERANCE = 1e-9;

export function firstDifference(actual: unknown, expected: unknown, path: Path = []): Difference | null {
  if (typeof expected === "number") {
    return typeof actual === "number" && Math.abs(actual - expected) <= TOLERANCE ? null : { path, expected, actual };
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { path, expected, actual };
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      if (i >= expected.length || i >= actual.length) return { path: [...path, i], expected: expected[i], actual: actual[i] };
      const d = firstDifference(actual[i], expected[i], [...path, i]);
      if (d) return d;
    }
    return null;
  }
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object" || Array.isArray(actual)) return { path, expected, actual };
    for (const key of Object.keys(expected)) {
      const d = firstDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], [...path, key]);
      if (d) return d;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : { path, expected, actual };
}

/** `inputs[2][4]`: the path as the student would write it. */
export function pathText(root: string, path: Path): string {
  return root + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
}
