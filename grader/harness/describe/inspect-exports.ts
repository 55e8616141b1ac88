/**
 * What a loaded module exports, as the describe phase reports it: each export's kind, the
 * numeric constants, and the `training` settings. Reading an export runs student code (a
 * getter), so callers keep this inside their try.
 */
import { toPlain } from "./plain-value";

export interface ExportsReport {
  found: Record<string, string>;
  constants: Record<string, number | string>;
  training: { epochs?: unknown; batchSize?: unknown } | null;
}

export function inspectExports(mod: Record<string, unknown>): ExportsReport {
  const found: Record<string, string> = {};
  const constants: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(mod)) {
    found[name] = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
    if (typeof value === "number") constants[name] = Number.isFinite(value) ? value : String(value);
  }
  let training: ExportsReport["training"] = null;
  const t = mod.training as Record<string, unknown> | undefined;
  if (t && typeof t === "object") training = toPlain({ epochs: t.epochs, batchSize: t.batchSize }) as ExportsReport["training"];
  return { found, constants, training };
}
