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
import { localSlots, medianIndex, runAll, runCount, runSeeds, spreadOf, type RunSlots, type Spread } from "./phases/runs";
import { openTrainer, trainModels, type Trainer } from "./phases/train";
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
      runs: z.number().int().positive().optional(),
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
  /** Cores this job may borrow to train its runs side by side (the worker's idle slots). */
  runSlots?: RunSlots;
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
  const seeds = runSeeds(opts.seed, runCount(spec.runs[opts.profile], opts.overrides?.runs));
  const state = newJobState();
  let runs: JobState[] = [state];

  job.onProgress({ type: "phase", phase: "compile" });
  const compiled = await timed(state, "compile", () => compileSubmission(opts.code, { typeCheck: opts.typeCheck }));
  if (!compiled.ok) {
    const f = compiled.failure;
    state.failure = makeFailure(f.kind, `failure.${f.kind}`, f.params, { line: f.line, column: f.column, phase: "compile" });
    state.failure.message = f.message;
  } else {
    // One lane of runs is the job's own; each core it may borrow adds one. Each lane's first
    // sandbox, and the next run's, boot while the describe sandbox runs (their clocks paused
    // until they train); later runs open theirs as a lane frees.
    const slots = input.runSlots ?? localSlots();
    let borrowed = 0;
    while (borrowed < seeds.length - 1 && slots.tryAcquire()) borrowed++;
    const early: (Trainer | null)[] = await Promise.all(seeds.slice(0, 2 + borrowed).map((seed) => openTrainer(job, seed)));
    const trainLayers: string[][] = [];
    try {
      await describeSubmission(job, compiled.code, compiled.sourceMap, state);
      if (!state.failure && state.plan) acceptPrepared(state, state.plan);
      if (!state.failure) {
        runs = await runAll(seeds.length, 1 + borrowed, async (i) => {
          const run = forkRun(state);
          const trainer = early[i] ?? (await openTrainer(job, seeds[i]));
          early[i] = null;
          trainLayers.push(trainer.session.layers);
          try {
            await trainModels(runJob(job, i, seeds.length), run, trainer);
          } finally {
            trainer.session.stop();
            await trainer.session.finished;
          }
          run.failure ??= run.nanFailure;
          return run;
        });
      }
    } finally {
      for (const trainer of early) {
        if (!trainer) continue;
        trainer.session.stop();
        await trainer.session.finished;
      }
      for (let i = 0; i < borrowed; i++) slots.release();
      // The result lists the layers every sandbox of this grading had, the train sandboxes too.
      state.layers = state.layers.filter((layer) => trainLayers.every((layers) => layers.includes(layer)));
    }
  }

  job.onProgress({ type: "phase", phase: "score" });
  const scored = await timed(state, "score", () => runs.map((run) => scoreRun(spec, opts.profile, rules, run)));
  const chosen = medianIndex(scored.map((r) => ({ score: r.total, rank: spec.rank(r.metrics) })));
  const run = runs[chosen];
  const result = scored[chosen];

  return gradeResult.parse(finiteOrNull({
    task: spec.slug,
    passed: result.passed,
    score: result.total,
    maxScore: result.maxScore,
    checks: result.checks,
    failure: run.failure,
    metrics: result.metrics,
    curves: Object.fromEntries(Object.entries(run.models).map(([id, m]) => [id, m.curve])),
    predictions: chartPredictions(run),
    predictionSource: "public-series",
    confusion: result.confusion,
    leaderboard: result.leaderboard,
    models: Object.fromEntries(Object.entries(run.models).filter(([, m]) => m.report).map(([id, m]) => [id, { ...m.report!, contract: m.contract }])),
    runs: runsSummary(seeds, runs, scored, chosen),
    samples: samples(state),
    diagnostics: [...run.diagnostics, ...(result.diagnostics ?? [])],
    logs: state.logs,
    environment: {
      backend: run.backend,
      tfjsVersion: run.tfjsVersion ?? state.tfjsVersion,
      recurrentKernels: run.recurrentKernels,
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
    timing: { totalMs: Date.now() - started, phases: [...state.phases, ...runs.flatMap((r, i) => (r === state ? [] : r.phases.map((p) => ({ name: seeds.length > 1 ? `${p.name} [seed ${seeds[i]}]` : p.name, ms: p.ms }))))] },
  }));
}

/** A training run's own state: what the describe phase found, shared; what training makes, its own. */
function forkRun(state: JobState): JobState {
  return { ...state, models: {}, phases: [], diagnostics: [...state.diagnostics], failure: undefined, nanFailure: undefined };
}

/** The job as one run sees it: its progress says which run it is. */
function runJob(job: JobOptions, run: number, runs: number): JobOptions {
  if (runs === 1) return job;
  return {
    ...job,
    onProgress: (e) => job.onProgress(e.type === "epoch" ? { ...e, run, runs } : e.type === "phase" ? { ...e, phase: `${e.phase} (${run + 1}/${runs})` } : e),
  };
}

function runsSummary(seeds: number[], runs: JobState[], scored: ScoredRun[], chosen: number): GradeResult["runs"] {
  const names = [...new Set(scored.flatMap((r) => Object.keys(r.metrics)))];
  const spread: Record<string, Spread> = {};
  const score = spreadOf(scored.map((r) => r.total));
  if (score) spread.score = score;
  for (const n of names) {
    const s = spreadOf(scored.map((r) => r.metrics[n]));
    if (s) spread[n] = s;
  }
  return {
    chosen,
    each: scored.map((r, i) => ({ seed: seeds[i], score: r.total, passed: r.passed, failure: runs[i].failure?.kind ?? null, metrics: r.metrics })),
    spread,
  };
}

/** How many examples each model trained on, validated on and was graded on. */
function samples(state: JobState): GradeResult["samples"] {
  const out: NonNullable<GradeResult["samples"]> = {};
  for (const m of state.plan?.models ?? []) {
    const rows = (state.trainData[m.id] ?? m.train).x.shape[0];
    const validation = Math.floor(rows * m.validationSplit);
    out[m.id] = { train: rows - validation, validation, test: m.gradedRows ?? m.test.x.shape[0] };
  }
  return out;
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

interface ScoredRun extends ReturnType<typeof scoreChecks> {
  total: number;
  maxScore: number;
  passed: boolean;
}

/** One run's checks and total; a model that fails its contract fails the run, whatever else it earned. */
function scoreRun(spec: TaskSpec, profile: Profile, rules: ReturnType<typeof applyOverrides>, run: JobState): ScoredRun {
  const result = scoreChecks(spec, profile, rules, run);
  const maxScore = result.checks.reduce((s, c) => s + c.maxPoints, 0);
  const total = Math.round(result.checks.reduce((s, c) => s + c.points, 0) * 100) / 100;
  const contractsMet = Object.values(run.models).every((m) => m.contract?.ok !== false);
  return { ...result, total, maxScore, passed: !run.failure && contractsMet && total >= spec.passFraction * maxScore };
}

function scoreChecks(spec: TaskSpec, profile: Profile, rules: ReturnType<typeof applyOverrides>, state: JobState) {
  const outcome = spec.score({ hidden: state.plan?.hidden, constants: state.constants, probes: state.probes, models: state.models, rules, profile });
  // Every rule appears in the result, graded or skipped, so the maximum never changes.
  const byId = new Map(outcome.checks.map((c) => [c.id, c]));
  const checks = Object.entries(rules).map(([id, rule]) => byId.get(id) ?? skippedCheck(id, rule));
  const diagnostics = [...(outcome.diagnostics ?? [])];
  for (const [id, m] of Object.entries(state.models)) {
    diagnostics.push(...trainingDiagnostics(id, m.curve as EpochPoint[], m.predictions));
  }
  return { ...outcome, checks, diagnostics };
}
