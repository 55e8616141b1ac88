/**
 * What a task is, as typed code: its exports, budget, time limits, data, checks and scoring.
 * Each exercise folder's `spec.ts` exports one TaskSpec; the grader knows nothing else of it.
 */
import type { ExportSpec, ProbeRequest, TensorData } from "../sandbox/protocol";
import type { CheckResult, Diagnostic, GradeResult, LocalizedText, ModelReport } from "../result";
import type { ContractVerdict, ModelContract } from "../contract/verdict";

export type Profile = "full" | "quick";

export interface Budget {
  maxEpochs: number;
  defaultEpochs: number;
  minBatchSize: number;
  maxBatchSize: number;
  defaultBatchSize: number;
}

/** A check's points and thresholds are data, so an instructor can override them. */
export interface CheckRule {
  title: { "pt-BR": string; en: string };
  points: number;
  /** For metric checks: full marks at `full`, half marks at `partial`. */
  threshold?: { full: number; partial: number };
}

export interface RuleOverrides {
  points?: Record<string, number>;
  thresholds?: Record<string, { full?: number; partial?: number }>;
  /** The instructor's cap on epochs: it can lower the task's budget, never raise it. */
  maxEpochs?: number;
  /** Training runs (seeds) the grade is the median of: the instructor may raise the task's N. */
  runs?: number;
}

export interface PlanContext {
  constants: Record<string, number>;
  budget: { epochs: number; batchSize: number };
  profile: Profile;
  /** Chooses hidden test data; never leaves the parent. */
  secret: string;
  cacheDir: string;
  imdbDirs: string[];
  imdbUrls: { archive: string; wordIndex: string };
}

/** What a student's data preparation returned, as the describe sandbox tabulated it. */
export interface PreparedTable {
  x: Float32Array;
  xShape: number[];
  y: Float32Array | null;
}

export type PreparedOutcome =
  | { ok: true; train: { x: TensorData; y: TensorData }; notes: LocalizedText[] }
  | { ok: false; message: LocalizedText };

/**
 * The student's own pipeline on the public training data (makeWindows, padSequences): what
 * it returns is what their model trains on, once `accept` has checked it. The hidden test
 * inputs stay the reference's.
 */
export interface StudentPreparation {
  fn: string;
  args: unknown[];
  output: "windows" | "rows";
  /** Integer sequences given as argument `arg`, sent as binary (the 25,000 IMDb reviews). */
  sequences?: { arg: number; tokens: Int32Array; offsets: Int32Array };
  accept(table: PreparedTable): PreparedOutcome;
}

/**
 * How one model is built and trained, apart from its data: the same for a grading and a
 * practice run in the browser (grader/practice), so the two cannot drift apart.
 */
export type ModelSettings = Pick<PlannedModel, "id" | "build" | "inputShape" | "outputShape" | "contract" | "loss" | "metrics" | "learningRate" | "validationSplit">;

/** One model a task asks for: how the student builds it, what it must be, what it learns from. */
export interface PlannedModel {
  id: string;
  /** The student's builder, called in the describe sandbox. */
  build: { fn: string; args: unknown[] };
  /** Expected shapes without the batch dimension. */
  inputShape: number[];
  outputShape: number[];
  contract: ModelContract;
  /** Used only when the student did not compile the model. */
  loss: "meanSquaredError" | "binaryCrossentropy";
  metrics: string[];
  learningRate: number;
  validationSplit: number;
  /** The reference's training data: what the model trains on unless `prepare` replaces it. */
  train: { x: TensorData; y: TensorData };
  prepare?: StudentPreparation;
  /**
   * The hidden test inputs, predicted in the train sandbox, and their targets (labels for a
   * classifier), which never leave the parent: the contract's ablation measures errors on them.
   */
  test: { x: TensorData; y: ArrayLike<number> };
  /** How many of the test rows are graded (the first ones); the rest are the leaderboard's. */
  gradedRows?: number;
  /** A public series for the chart of predictions against real values: not scored. */
  chart?: { x: TensorData; points: { x: number; actual: number }[] };
}

export interface TaskPlan<Hidden> {
  probes: ProbeRequest[];
  models: PlannedModel[];
  /** Test targets and anything else only the scorer may see. */
  hidden: Hidden;
  dataHash: string;
}

export type ProbeOutcome =
  | { ok: true; value: unknown }
  | { ok: false; error: { message: string; line?: number }; }
  | { ok: false; skipped: true };

export interface ModelOutcome {
  report: ModelReport | null;
  /** Null until the model was rebuilt; a model whose contract fails is not scored. */
  contract: ContractVerdict | null;
  curve: { loss: number | null; valLoss?: number | null; acc?: number | null; valAcc?: number | null; ms: number; epoch: number }[];
  predictions: Float32Array | null;
}

export interface ScoreContext<Hidden> {
  hidden: Hidden;
  constants: Record<string, number>;
  probes: Record<string, ProbeOutcome>;
  models: Record<string, ModelOutcome>;
  rules: Record<string, CheckRule>;
  profile: Profile;
}

export interface ScoreOutcome {
  checks: CheckResult[];
  metrics: Record<string, number | null>;
  confusion?: GradeResult["confusion"];
  leaderboard?: GradeResult["leaderboard"];
  diagnostics?: Diagnostic[];
}

/** What a task is apart from its grading (no data, no scoring): what a browser practice run needs too. */
export type TaskDefinition = Pick<TaskSpec, "slug" | "title" | "order" | "exports" | "constants" | "budget">;

export interface TaskSpec<Hidden = unknown> {
  slug: string;
  title: { "pt-BR": string; en: string };
  /** Place in the course: the lesson's order. */
  order: number;
  exports: ExportSpec[];
  /** Range rules for exported constants; a value out of range is an export failure. */
  constants?: Record<string, { min: number; max: number; integer: boolean; default?: number }>;
  budget: Record<Profile, Budget>;
  /**
   * Wall-clock limit per sandbox phase: `boot`, `load`, `probe`, `build:<model>` (describe
   * sandbox), `boot`, `rebuild:<model>`, `train:<model>`, `predict:<model>` (train sandbox).
   */
  phaseTimeoutMs(phase: string, profile: Profile): number;
  rules: Record<Profile, Record<string, CheckRule>>;
  /** Training runs (seeds) a grade is the median of: N per profile. */
  runs: Record<Profile, number>;
  /** The threshold checks `npm run calibrate` measures, each with the metric it judges. */
  calibrated: { check: string; metric: string; lowerIsBetter: boolean }[];
  /** How good a run is beyond its score (higher is better): orders runs of equal score for the median. */
  rank(metrics: Record<string, number | null>): number | null;
  /** Share of the maximum score that counts as passing. */
  passFraction: number;
  plan(ctx: PlanContext): Promise<TaskPlan<Hidden>>;
  score(ctx: ScoreContext<Hidden>): ScoreOutcome;
}

export type { CheckResult, LocalizedText, ContractVerdict, ModelContract };
