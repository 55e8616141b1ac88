/**
 * The grader's one entry point. A grading job is a sequence of named phases, each timed:
 *
 *   compile   syntax, import rule, types, TypeScript -> JavaScript (parent)
 *   sandbox   boot, load, probe, build/train/predict per model (child, each with its limit)
 *   plan      data for the student's settings, between load and probe (parent, clock paused)
 *   score     checks, metrics, diagnostics (parent only: test targets never leave it)
 *
 * Whatever the submission does, the result is a valid GradeResult; only a fault of the
 * grader itself (no sandbox available, a broken task) throws.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { compileSubmission } from "./compile/compile";
import type { SubmissionSourceMap } from "./compile/source-map";
import { graderConfig, type GraderConfig } from "./config";
import { SHARED_DIR } from "./data/imdb/load";
import { installationSecret } from "./data/secret";
import { errorFailure, makeFailure, outcomeFailure } from "./failures";
import { text } from "./i18n/messages";
import { gradeResult, type Diagnostic, type EpochPoint, type Failure, type GradeResult, type ModelReport, type ProgressEvent } from "./result";
import { harnessDir } from "./sandbox/harness-bundle";
import { encodeFrame, packTensors, type ModelPlan, type TensorData } from "./sandbox/protocol";
import { SandboxSession } from "./sandbox/run-sandbox";
import { applyOverrides, skippedCheck } from "./scoring/checks";
import { countNonFinite } from "./scoring/metrics";
import { trainingDiagnostics } from "./scoring/diagnostics";
import { loadTask } from "./tasks/registry";
import type { ModelOutcome, ProbeOutcome, Profile, RuleOverrides, TaskPlan, TaskSpec } from "./tasks/types";
import { GRADER_VERSION } from "./version";
import { MAX_CODE_BYTES } from "./limits";

export { MAX_CODE_BYTES };
import { NODE_MODULES } from "./paths";
import * as fs from "node:fs";
import * as path from "node:path";

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

interface JobState {
  phases: { name: string; ms: number }[];
  backend: string | null;
  tfjsVersion: string | null;
  recurrentKernels: { available: boolean; library: string | null; reason: string | null } | null;
  constants: Record<string, number>;
  probes: Record<string, ProbeOutcome>;
  models: Record<string, ModelOutcome & { report: ModelReport | null }>;
  failure: Failure | undefined;
  dataHash: string | null;
  budget: { epochs: number; batchSize: number } | null;
  diagnostics: Diagnostic[];
  layers: string[];
  logs: { text: string; truncated: boolean };
  /** The plan's parent-only data (test targets), for the scorer. */
  hidden: unknown;
  /** NaN predictions fail the job, but only once every model has had its turn. */
  nanFailure: Failure | undefined;
}

async function timed<T>(state: JobState, name: string, fn: () => Promise<T> | T): Promise<T> {
  const start = Date.now();
  try {
    return await fn();
  } finally {
    state.phases.push({ name, ms: Date.now() - start });
  }
}

export async function gradeSubmission(input: GradeOptions): Promise<GradeResult> {
  const started = Date.now();
  const parsed = options.safeParse(input);
  if (!parsed.success) throw new GraderError(`invalid grading request: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const opts = parsed.data;
  const config = { ...graderConfig(), ...input.config };
  const spec = await loadTask(opts.task);
  if (!spec) throw new GraderError(`unknown task '${opts.task}'`);
  const onProgress = input.onProgress ?? (() => {});
  const rules = applyOverrides(spec.rules[opts.profile], opts.overrides);

  const state: JobState = {
    phases: [], backend: null, tfjsVersion: null, recurrentKernels: null, constants: {}, probes: {}, models: {}, failure: undefined,
    dataHash: null, budget: null, diagnostics: [], layers: [], logs: { text: "", truncated: false },
    hidden: undefined, nanFailure: undefined,
  };

  onProgress({ type: "phase", phase: "compile" });
  const compiled = await timed(state, "compile", () => compileSubmission(opts.code, { typeCheck: opts.typeCheck }));
  if (!compiled.ok) {
    const f = compiled.failure;
    state.failure = makeFailure(f.kind, `failure.${f.kind}`, f.params, { line: f.line, column: f.column, phase: "compile" });
    state.failure.message = f.message;
  } else {
    await runInSandbox(spec, opts, config, compiled.code, compiled.sourceMap, state, onProgress, input.signal);
  }

  onProgress({ type: "phase", phase: "score" });
  const result = await timed(state, "score", () => score(spec, opts.profile, rules, state));
  const maxScore = result.checks.reduce((s, c) => s + c.maxPoints, 0);
  const total = Math.round(result.checks.reduce((s, c) => s + c.points, 0) * 100) / 100;

  return gradeResult.parse(finiteOrNull({
    task: spec.slug,
    passed: !state.failure && total >= spec.passFraction * maxScore,
    score: total,
    maxScore,
    checks: result.checks,
    failure: state.failure,
    metrics: result.metrics,
    curves: Object.fromEntries(Object.entries(state.models).map(([id, m]) => [id, m.curve as EpochPoint[]])),
    predictions: result.predictions,
    confusion: result.confusion,
    leaderboard: result.leaderboard,
    models: Object.fromEntries(Object.entries(state.models).filter(([, m]) => m.report).map(([id, m]) => [id, m.report!])),
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
  const outcome = spec.score({ hidden: state.hidden, constants: state.constants, probes: state.probes, models: state.models, rules, profile });
  // Every rule appears in the result, graded or skipped, so the maximum never changes.
  const byId = new Map(outcome.checks.map((c) => [c.id, c]));
  const checks = Object.entries(rules).map(([id, rule]) => byId.get(id) ?? skippedCheck(id, rule));
  for (const [id, m] of Object.entries(state.models)) {
    state.diagnostics.push(...trainingDiagnostics(id, m.curve as EpochPoint[], m.predictions));
  }
  return { ...outcome, checks };
}

function exportProblems(spec: TaskSpec, found: Record<string, string>, constants: Record<string, number>): Failure | null {
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
    if (!(v >= rule.min && v <= rule.max) || (rule.integer && !Number.isInteger(v))) {
      return makeFailure("export", "failure.export.value", { name, value: String(v), rule: `${rule.integer ? "integer " : ""}${rule.min}..${rule.max}` });
    }
  }
  return null;
}

function budgetFor(
  spec: TaskSpec,
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
      return { failure: makeFailure("budget", "failure.budget", { field, value: String(value), rule: `integer ${min}..${max}` }) };
    }
    return { value };
  };
  const epochs = pick("epochs", training?.epochs, b.defaultEpochs, 1, b.maxEpochs);
  if (epochs.failure) return { failure: epochs.failure };
  const batch = pick("batchSize", training?.batchSize, b.defaultBatchSize, b.minBatchSize, b.maxBatchSize);
  if (batch.failure) return { failure: batch.failure };
  return { budget: { epochs: epochs.value!, batchSize: batch.value! } };
}

async function runInSandbox(
  spec: TaskSpec,
  opts: z.infer<typeof options>,
  config: GraderConfig,
  code: string,
  sourceMap: SubmissionSourceMap,
  state: JobState,
  onProgress: (e: ProgressEvent) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const dir = await harnessDir(config.TREINO_CACHE_DIR);
  const tfjsNode = path.join(NODE_MODULES, "@tensorflow", "tfjs-node");
  const session = new SandboxSession({
    harnessDir: dir,
    limits: {
      memoryBytes: config.TREINO_SANDBOX_MEMORY_MB * 1024 ** 2,
      pids: 64,
      cpus: config.TREINO_SANDBOX_CPUS,
      cpuSeconds: Math.ceil(totalTimeoutMs(spec, opts.profile) / 1000) * 2,
    },
    allowUnsandboxed: config.TREINO_UNSAFE_NO_SANDBOX,
    nodeModulesDir: fs.existsSync(tfjsNode) ? NODE_MODULES : null,
    phaseTimeoutMs: (phase) => spec.phaseTimeoutMs(phase, opts.profile),
  });
  state.layers = session.layers;
  const abort = () => session.stop({ kind: "sandbox", reason: "grading was cancelled" });
  signal?.addEventListener("abort", abort);
  let done = false;
  let plan: TaskPlan<unknown> | null = null;
  const sandboxStart = Date.now();

  session.send(encodeFrame({ type: "job", nonce: session.nonce, seed: opts.seed, code, exports: spec.exports, backend: opts.backend ?? config.TREINO_BACKEND, fusedRecurrent: config.TREINO_FUSED_RNN }));

  for await (const msg of session.messages()) {
    if (state.failure) break;
    switch (msg.type) {
      case "phase":
        onProgress({ type: "phase", phase: msg.name });
        break;
      case "ready":
        state.backend = msg.backend;
        state.tfjsVersion = msg.tfjsVersion;
        state.recurrentKernels = msg.recurrentKernels;
        break;
      case "recurrent": {
        const m = state.models[msg.model];
        if (m?.report) m.report.recurrent = msg.layers;
        break;
      }
      case "exports": {
        const constants = { ...msg.constants };
        for (const [name, rule] of Object.entries(spec.constants ?? {})) {
          if (constants[name] === undefined && rule.default !== undefined) constants[name] = rule.default;
        }
        state.constants = constants;
        const problem = exportProblems(spec, msg.found, constants);
        const budget = problem ? {} : budgetFor(spec, opts.profile, msg.training, opts.overrides?.maxEpochs);
        state.failure = problem ?? budget.failure;
        if (state.failure) {
          state.failure.phase = "load";
          session.stop({ kind: "sandbox", reason: "stopped by the grader" });
          break;
        }
        state.budget = budget.budget!;
        session.pauseTimer();
        const planStart = Date.now();
        try {
          plan = await spec.plan({
            constants, budget: state.budget, profile: opts.profile,
            secret: installationSecret(config.TREINO_DATA_DIR, config.TREINO_SECRET_SEED),
            cacheDir: config.TREINO_CACHE_DIR,
            imdbDirs: [...(config.TREINO_IMDB_DIR ? [config.TREINO_IMDB_DIR] : []), SHARED_DIR],
            imdbUrls: { archive: config.TREINO_IMDB_ARCHIVE_URL, wordIndex: config.TREINO_IMDB_WORD_INDEX_URL },
          });
        } catch (err) {
          session.stop({ kind: "sandbox", reason: "stopped by the grader" });
          state.failure = makeFailure("internal", "failure.internal", { detail: (err as Error).message }, { phase: "plan" });
          break;
        } finally {
          state.phases.push({ name: "plan", ms: Date.now() - planStart });
        }
        state.hidden = plan.hidden;
        state.dataHash = plan.dataHash;
        const tensors: Record<string, TensorData> = {};
        const models: ModelPlan[] = plan.models.map((m) => {
          tensors[`${m.id}.trainX`] = m.train.x;
          tensors[`${m.id}.trainY`] = m.train.y;
          tensors[`${m.id}.testX`] = m.test.x;
          state.models[m.id] = { report: null, curve: [], predictions: null };
          const { train: _t, test: _s, ...rest } = m;
          return { ...rest, epochs: state.budget!.epochs, batchSize: state.budget!.batchSize, trainX: `${m.id}.trainX`, trainY: `${m.id}.trainY`, testX: `${m.id}.testX` };
        });
        for (const p of plan.probes) state.probes[p.id] = { ok: false, skipped: true };
        const { table, payload } = packTensors(tensors);
        session.send(encodeFrame({ type: "plan", probes: plan.probes, models, tensors: table }, payload));
        session.resumeTimer();
        break;
      }
      case "probe": {
        if (msg.ok) state.probes[msg.id] = { ok: true, value: msg.value };
        else {
          const mapped = sourceMap.mapStack(msg.error?.stack || "");
          state.probes[msg.id] = { ok: false, error: { message: msg.error?.message ?? "error", line: mapped.first?.line } };
        }
        break;
      }
      case "model": {
        const m = state.models[msg.id];
        if (!m) break;
        const { inputCount: _i, outputCount: _o, ...report } = msg.report;
        m.report = { ...report, recurrent: [] };
        if (!report.compiledByStudent) {
          const mp = plan?.models.find((x) => x.id === msg.id);
          state.diagnostics.push({ model: msg.id, severity: "info", text: text("diag.defaultCompile", { lr: mp?.learningRate ?? 0.001, loss: mp?.loss ?? "" }) });
        }
        break;
      }
      case "epoch": {
        const m = state.models[msg.model];
        if (!m) break;
        const num = (k: string) => msg.logs[k] ?? null;
        const point: EpochPoint = { epoch: msg.epoch, loss: num("loss"), valLoss: num("val_loss"), acc: num("acc"), valAcc: num("val_acc"), ms: msg.ms };
        m.curve.push(point);
        onProgress({ type: "epoch", model: msg.model, point, totalEpochs: state.budget?.epochs ?? 0 });
        break;
      }
      case "predictions": {
        const m = state.models[msg.model];
        if (!m) break;
        m.predictions = Float32Array.from(msg.values, (v) => (v == null ? NaN : v));
        const bad = countNonFinite(m.predictions);
        if (bad > 0) {
          state.nanFailure ??= makeFailure("nan", "failure.nan", { model: msg.model, count: bad, total: m.predictions.length }, { phase: `predict:${msg.model}` });
        }
        break;
      }
      case "failure": {
        if (msg.kind === "shape") {
          const r = state.models[msg.model ?? ""]?.report;
          const mp = plan?.models.find((x) => x.id === msg.model);
          state.failure = makeFailure("shape", "failure.shape", {
            model: msg.model ?? "", input: JSON.stringify(r?.inputShape ?? []), output: JSON.stringify(r?.outputShape ?? []),
            expectedInput: JSON.stringify([null, ...(mp?.inputShape ?? [])]), expectedOutput: JSON.stringify([null, ...(mp?.outputShape ?? [])]),
          }, { phase: msg.phase });
        } else if (msg.kind === "export") {
          // The harness reports "export" only for a build function that returned no model.
          const fn = plan?.models.find((x) => x.id === msg.model)?.build.fn ?? "build";
          state.failure = makeFailure("export", "failure.export.notModel", { fn, actual: msg.error.message.split("got ").pop() ?? "" }, { phase: msg.phase });
        } else {
          state.failure = errorFailure(msg.kind, msg.phase, msg.error, sourceMap, config.TREINO_SANDBOX_MEMORY_MB);
        }
        break;
      }
      case "done":
        done = true;
        break;
    }
  }
  session.stop();
  const outcome = await session.finished;
  signal?.removeEventListener("abort", abort);
  state.logs = outcome.logs;
  state.phases.push(...outcome.phases.map((p) => ({ name: `sandbox:${p.name}`, ms: p.ms })));
  state.phases.push({ name: "sandbox", ms: Date.now() - sandboxStart });
  if (!done && !state.failure) {
    if (signal?.aborted) state.failure = makeFailure("internal", "failure.internal", { detail: "grading was cancelled" });
    else state.failure = outcomeFailure(outcome, session.currentPhase, config.TREINO_SANDBOX_MEMORY_MB);
  }
  state.failure ??= state.nanFailure;
}

function totalTimeoutMs(spec: TaskSpec, profile: Profile): number {
  const phases = ["start", "boot", "load", "probe", "build:model", "train:model", "predict:model"];
  return phases.reduce((s, p) => s + spec.phaseTimeoutMs(p, profile), 0) * 2;
}

