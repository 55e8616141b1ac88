/**
 * The grader's one entry point. A grading job is a sequence of named phases, each timed:
 *
 *   compile   syntax, import rule, types, TypeScript -> JavaScript (parent)
 *   describe  the student's module in the describe sandbox: exports, probes of their plain
 *             functions, and a description of each model (topology, compile settings)
 *   plan      data for the student's settings, between exports and probes (parent, clock paused)
 *   train     a second sandbox that never loads student code rebuilds each model from its
 *             validated description, trains it with the grader's fit, predicts, ablates
 *   score     checks, metrics, diagnostics (parent only: test targets never leave it)
 *
 * Student code describes; the grader trains, predicts, counts and scores. Whatever the
 * submission does, the result is a valid GradeResult; only a fault of the grader itself
 * (no sandbox available, a broken task) throws.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { compileSubmission } from "./compile/compile";
import { graderConfig, type GraderConfig } from "./config";
import { makeFailure } from "./failures";
import { describeSubmission } from "./phases/describe";
import { newJobState, timed, type JobOptions, type JobState } from "./phases/job";
import { acceptPrepared } from "./phases/prepared";
import { openTrainer, trainModels } from "./phases/train";
import { gradeResult, type EpochPoint, type GradeResult, type ProgressEvent } from "./result";
import { applyOverrides, skippedCheck } from "./scoring/checks";
import { trainingDiagnostics } from "./scoring/diagnostics";
import { loadTask } from "./tasks/registry";
import type { Profile, RuleOverrides, TaskSpec } from "./tasks/types";
import { GRADER_VERSION } from "./version";
import { MAX_CODE_BYTES } from "./limits";

export { MAX_CODE_BYTES };

export const DEFAULT_SEED = 20240917;

const options = z.object({
  task: z.string().min(1),
  code: z.string().refine((c) => Buffer.byteLength(c, "utf8") <= MAX_CODE_BYTES, `code larger than ${MAX_CODE_BYTES} bytes`),
  profile: z.enum(["full", "quick"]).default("full"),
  seed: z.number().int().nonnegative().default(DEFAULT_SEED),
  backend: z.enum(["auto", "tensorflow", "wasm", "cpu"]).optional(),
  typeCheck: z.boolean().default(true),
  overrides: z
    .object({
      points: z.record(z.string(), z.number().nonnegative()).optional(),
      thresholds: z.record(z.string(), z.object({ full: z.number().optional(), partial: z.number().optional() })).optional(),
      maxEpochs: z.number().int().positive().optional(),
    })
    .optional(),
});

export interface GradeOptions {
  task: string;
  code: string;
  onProgress?: (event: ProgressEvent) => void;
  /** `quick` shrinks data and budgets for tests; results say which profile graded them. */
  profile?: Profile;
  seed?: number;
  backend?: "auto" | "tensorflow" | "wasm" | "cpu";
  typeCheck?: boolean;
  overrides?: RuleOverrides;
  /** Ends the job early (worker shutdown); the result is then an internal failure. */
  signal?: AbortSignal;
  config?: Partial<GraderConfig>;
}

export class GraderError extends Error {
  override name = "GraderError";
}

export async function gradeSubmission(input: GradeOptions): Promise<GradeResult> {
  const started = Date.now();
  const parsed = options.safeParse(input);
  if (!parsed.success) throw new GraderError(`invalid grading request: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const opts = parsed.data;
  const config = { ...graderConfig(), ...input.config };
  const spec = await loadTask(opts.task);
  if (!spec) throw new GraderError(`unknown task '${opts.task}'`);
  const rules = applyOverrides(spec.rules[opts.profile], opts.overrides);
  const job: JobOptions = {
    spec, profile: opts.profile, seed: opts.seed, backend: opts.backend ?? config.TREINO_BACKEND, overrides: opts.overrides, config,
    onProgress: input.onProgress ?? (() => {}), signal: input.signal,
  };
  const state = newJobState();

  job.onProgress({ type: "phase", phase: "compile" });
  const compiled = await timed(state, "compile", () => compileSubmission(opts.code, { typeCheck: opts.typeCheck }));
  if (!compiled.ok) {
    const f = compiled.failure;
    state.failure = makeFailure(f.kind, `failure.${f.kind}`, f.params, { line: f.line, column: f.column, phase: "compile" });
    state.failure.message = f.message;
  } else {
    const trainer = await openTrainer(job);
    try {
      await describeSubmission(job, compiled.code, compiled.sourceMap, state);
      if (!state.failure && state.plan) acceptPrepared(state, state.plan);
      if (!state.failure) await trainModels(job, state, trainer);
    } finally {
      trainer.session.stop();
      await trainer.session.finished;
    }
    state.failure ??= state.nanFailure;
  }

  job.onProgress({ type: "phase", phase: "score" });
  const result = await timed(state, "score", () => score(spec, opts.profile, rules, state));
  const maxScore = result.checks.reduce((s, c) => s + c.maxPoints, 0);
  const total = Math.round(result.checks.reduce((s, c) => s + c.points, 0) * 100) / 100;
  // A model that fails its contract fails the submission, whatever the other checks earned.
  const contractsMet = Object.values(state.models).every((m) => m.contract?.ok !== false);

  return gradeResult.parse(finiteOrNull({
    task: spec.slug,
    passed: !state.failure && contractsMet && total >= spec.passFraction * maxScore,
    score: total,
    maxScore,
    checks: result.checks,
    failure: state.failure,
    metrics: result.metrics,
    curves: Object.fromEntries(Object.entries(state.models).map(([id, m]) => [id, m.curve])),
    predictions: chartPredictions(state),
    predictionSource: "public-series",
    confusion: result.confusion,
    leaderboard: result.leaderboard,
    models: Object.fromEntries(Object.entries(state.models).filter(([, m]) => m.report).map(([id, m]) => [id, { ...m.report!, contract: m.contract }])),
    diagnostics: [...state.diagnostics, ...(result.diagnostics ?? [])],
    logs: state.logs,
    environment: {
      backend: state.backend,
      tfjsVersion: state.tfjsVersion,
      recurrentKernels: state.recurrentKernels,
      nodeVersion: process.version,
      graderVersion: GRADER_VERSION,
      isolation: state.layers,
      unsafeNoIsolation: !state.layers.includes("bubblewrap") && state.layers.length > 0,
      seed: opts.seed,
      dataHash: state.dataHash,
      codeHash: createHash("sha256").update(opts.code).digest("hex").slice(0, 16),
      profile: opts.profile,
      budget: state.budget,
    },
    timing: { totalMs: Date.now() - started, phases: state.phases },
  }));
}

/** The chart: each model's predictions on its public series, beside the series' real values. */
function chartPredictions(state: JobState): GradeResult["predictions"] {
  const out: GradeResult["predictions"] = {};
  for (const m of state.plan?.models ?? []) {
    const values = state.models[m.id]?.chart;
    if (!m.chart || !values) continue;
    out[m.id] = m.chart.points.map((p, i) => ({ x: p.x, actual: p.actual, predicted: values[i] }));
  }
  return out;
}

/** JSON has no NaN or Infinity: the result says null wherever a figure is not finite. */
function finiteOrNull(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(finiteOrNull);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, finiteOrNull(v)]));
  }
  return value;
}

function score(spec: TaskSpec, profile: Profile, rules: ReturnType<typeof applyOverrides>, state: JobState) {
  const outcome = spec.score({ hidden: state.plan?.hidden, constants: state.constants, probes: state.probes, models: state.models, rules, profile });
  // Every rule appears in the result, graded or skipped, so the maximum never changes.
  const byId = new Map(outcome.checks.map((c) => [c.id, c]));
  const checks = Object.entries(rules).map(([id, rule]) => byId.get(id) ?? skippedCheck(id, rule));
  for (const [id, m] of Object.entries(state.models)) {
    state.diagnostics.push(...trainingDiagnostics(id, m.curve as EpochPoint[], m.predictions));
  }
  return { ...outcome, checks };
}
