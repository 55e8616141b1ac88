/**
 * What the describe harness takes from a model the student built: its topology and its
 * compile settings, as plain data. Nothing else of the object crosses to the grader: no
 * weights, no methods, no class. The values come from the student's own object and may be
 * anything; the parent validates them (grader/contract) and the train sandbox rebuilds the
 * model from them with tfjs's own classes.
 */
import type { CompileSettings, NamedOrFunction } from "../../sandbox/protocol";

interface ModelLike {
  toJSON(unused?: unknown, returnString?: boolean): unknown;
  optimizer?: { getClassName(): string; getConfig(): unknown } | null;
  loss?: unknown;
  metrics?: unknown;
}

/** Anything with a toJSON method is described; what it says is checked by the parent. */
export function isDescribable(value: unknown): value is ModelLike {
  return typeof value === "object" && value !== null && typeof (value as ModelLike).toJSON === "function";
}

export function topologyOf(model: ModelLike): string {
  const json = model.toJSON(null, true);
  return typeof json === "string" ? json : JSON.stringify(json);
}

function named(value: unknown): NamedOrFunction {
  if (typeof value === "string") return { name: value.slice(0, 100) };
  if (typeof value === "function") return { function: String(value.name || "anonymous").slice(0, 100) };
  return { function: typeof value };
}

/** A loss or metrics setting as tfjs takes it: one, a list, or one per output name. */
function namedList(value: unknown): NamedOrFunction[] | null {
  if (value == null) return null;
  const list = Array.isArray(value) ? value : typeof value === "object" ? Object.values(value as object) : [value];
  return list.slice(0, 10).map(named);
}

export function compileSettingsOf(model: ModelLike): CompileSettings | null {
  const optimizer = model.optimizer ?? null;
  if (optimizer == null) return null;
  return {
    optimizer: { className: String(optimizer.getClassName()), config: optimizer.getConfig() },
    loss: namedList(model.loss),
    metrics: namedList(model.metrics),
  };
}
