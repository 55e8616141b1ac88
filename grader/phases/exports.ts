/** The describe sandbox's report of the module's exports, checked against the task. */
import { makeFailure } from "../failures";
import type { Failure } from "../result";
import type { Profile, TaskDefinition } from "../tasks/types";

export function exportProblems(spec: TaskDefinition, found: Record<string, string>, constants: Record<string, number | string>): Failure | null {
  const missing = spec.exports.filter((e) => e.required && !(e.name in found)).map((e) => e.name);
  if (missing.length) {
    const present = Object.keys(found).map((n) => `${n} (${found[n]})`).join(", ");
    return makeFailure("export", "failure.export.missing", { missing: missing.join(", "), found: present });
  }
  for (const e of spec.exports) {
    if (e.name in found && found[e.name] !== e.kind) {
      return makeFailure("export", "failure.export.kind", { name: e.name, expected: e.kind, actual: found[e.name] });
    }
  }
  for (const [name, rule] of Object.entries(spec.constants ?? {})) {
    const v = constants[name];
    if (v === undefined) continue;
    if (typeof v !== "number" || !(v >= rule.min && v <= rule.max) || (rule.integer && !Number.isInteger(v))) {
      return makeFailure("export", "failure.export.value", { name, value: String(v), rule: `${rule.integer ? "integer " : ""}${rule.min}..${rule.max}` });
    }
  }
  return null;
}

/** The student's finite constants with the task's defaults filled in. */
export function constantsWithDefaults(spec: TaskDefinition, reported: Record<string, number | string>): Record<string, number> {
  const constants: Record<string, number> = {};
  for (const [name, v] of Object.entries(reported)) if (typeof v === "number") constants[name] = v;
  for (const [name, rule] of Object.entries(spec.constants ?? {})) {
    if (constants[name] === undefined && rule.default !== undefined) constants[name] = rule.default;
  }
  return constants;
}

/** The epochs and batch size the grader will train with: the student's, within the task's budget. */
export function budgetFor(
  spec: TaskDefinition,
  profile: Profile,
  training: { epochs?: unknown; batchSize?: unknown } | null,
  maxEpochsOverride: number | undefined,
): { budget?: { epochs: number; batchSize: number }; failure?: Failure } {
  const task = spec.budget[profile];
  const maxEpochs = Math.min(task.maxEpochs, maxEpochsOverride ?? Infinity);
  const b = { ...task, maxEpochs, defaultEpochs: Math.min(task.defaultEpochs, maxEpochs) };
  const pick = (field: "epochs" | "batchSize", value: unknown, def: number, min: number, max: number) => {
    if (value === undefined || value === null) return { value: def };
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      return { failure: makeFailure("budget", "failure.budget", { field, value: String(value).slice(0, 50), rule: `integer ${min}..${max}` }) };
    }
    return { value };
  };
  const epochs = pick("epochs", training?.epochs, b.defaultEpochs, 1, b.maxEpochs);
  if (epochs.failure) return { failure: epochs.failure };
  const batch = pick("batchSize", training?.batchSize, b.defaultBatchSize, b.minBatchSize, b.maxBatchSize);
  if (batch.failure) return { failure: batch.failure };
  return { budget: { epochs: epochs.value!, batchSize: batch.value! } };
}
