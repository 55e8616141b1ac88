/** What a grading job accumulates as it goes through its phases, for the scorer and the result. */
import type { GraderConfig } from "../config";
import type { Diagnostic, EpochPoint, Failure, ModelReport, ProgressEvent } from "../result";
import type { CompileSettings, TensorData } from "../sandbox/protocol";
import type { PreparedCollector } from "./prepared";
import type { ModelOutcome, Profile, ProbeOutcome, RuleOverrides, TaskPlan, TaskSpec } from "../tasks/types";

export interface JobOptions {
  spec: TaskSpec;
  profile: Profile;
  seed: number;
  backend: "auto" | "tensorflow" | "wasm" | "cpu";
  overrides: RuleOverrides | undefined;
  config: GraderConfig;
  onProgress: (event: ProgressEvent) => void;
  signal: AbortSignal | undefined;
}

export interface ModelState extends ModelOutcome {
  report: ModelReport | null;
  curve: EpochPoint[];
  /** Predictions on the public chart series. */
  chart: number[] | null;
  /** The ablation rows predicted by the unchanged model in one batch, and each ablation of them. */
  reference: (number | null)[] | null;
  ablations: { layer: string; values: (number | null)[] }[];
  /** Per required layer: how far its output moved when it read its input backwards. */
  order: { layer: string; change: number }[];
}

export interface JobState {
  phases: { name: string; ms: number }[];
  backend: string | null;
  tfjsVersion: string | null;
  recurrentKernels: { available: boolean; library: string | null; reason: string | null } | null;
  constants: Record<string, number>;
  probes: Record<string, ProbeOutcome>;
  /** What the describe sandbox said of each model: the student's speech, not yet validated. */
  descriptions: Record<string, { topology: string; compile: CompileSettings | null }>;
  /** The student's prepared training data as it arrives, then as the task accepted it. */
  prepared: Record<string, PreparedCollector>;
  trainData: Record<string, { x: TensorData; y: TensorData }>;
  models: Record<string, ModelState>;
  failure: Failure | undefined;
  plan: TaskPlan<unknown> | null;
  dataHash: string | null;
  budget: { epochs: number; batchSize: number } | null;
  diagnostics: Diagnostic[];
  layers: string[];
  logs: { text: string; truncated: boolean };
  /** NaN predictions fail the job, but only once every model has had its turn. */
  nanFailure: Failure | undefined;
}

export function newJobState(): JobState {
  return {
    phases: [], backend: null, tfjsVersion: null, recurrentKernels: null, constants: {}, probes: {}, descriptions: {}, prepared: {}, trainData: {}, models: {},
    failure: undefined, plan: null, dataHash: null, budget: null, diagnostics: [], layers: [], logs: { text: "", truncated: false },
    nanFailure: undefined,
  };
}

export async function timed<T>(state: JobState, name: string, fn: () => Promise<T> | T): Promise<T> {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    state.phases.push({ name, ms: Date.now() - start });
  }
}

/** A sandbox's wall-clock budget: the sum of its phases' limits. */
export function sandboxBudgetMs(spec: TaskSpec, profile: Profile, phases: string[]): number {
  return phases.reduce((sum, phase) => sum + spec.phaseTimeoutMs(phase, profile), 0);
}
