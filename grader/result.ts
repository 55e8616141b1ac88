/**
 * The one results contract of a grading job. Everything the grader returns, the CLI prints
 * and the web app stores has this shape; it is validated before it leaves `gradeSubmission`.
 */
import { z } from "zod";

export const FAILURE_KINDS = [
  "syntax", // the file does not parse
  "type", // it parses but does not type-check against TensorFlow.js's types
  "import", // it imports something other than @tensorflow/tfjs
  "export", // a required export is missing or of the wrong kind
  "contract", // a model's description cannot be rebuilt with tfjs's own classes (custom layer, loss as a function...)
  "exception", // the student's code threw
  "data", // the student's data preparation returned what no model can train on (ragged, not finite, wrong size)
  "shape", // a model's input/output shape does not match the task
  "budget", // training settings over the task's budget
  "timeout", // a phase ran past its time limit (infinite loops end here)
  "memory", // the sandbox ran out of memory
  "nan", // NaN/Infinity in predictions
  "sandbox", // the submission tried something the sandbox forbids, or forged output
  "internal", // the grader itself failed: not the student's fault
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** A message with a stable code, its parameters, and the texts in both UI languages. */
export const localizedText = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  "pt-BR": z.string(),
  en: z.string(),
});
export type LocalizedText = z.infer<typeof localizedText>;

export const checkResult = z.object({
  id: z.string(),
  title: localizedText,
  points: z.number(),
  maxPoints: z.number(),
  status: z.enum(["passed", "partial", "failed", "skipped"]),
  feedback: localizedText.optional(),
  /** The measured value the check judged (an MSE, an accuracy...), when it has one. */
  value: z.number().nullable().optional(),
});
export type CheckResult = z.infer<typeof checkResult>;

export const failure = z.object({
  kind: z.enum(FAILURE_KINDS),
  message: z.string(),
  text: localizedText,
  /** 1-based position in the student's .ts file, when the failure has one. */
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  phase: z.string().optional(),
  /** The student's stack, mapped to their own lines. */
  stack: z.string().optional(),
});
export type Failure = z.infer<typeof failure>;

export const epochPoint = z.object({
  epoch: z.number().int().nonnegative(),
  loss: z.number().nullable(),
  valLoss: z.number().nullable().optional(),
  acc: z.number().nullable().optional(),
  valAcc: z.number().nullable().optional(),
  ms: z.number(),
});
export type EpochPoint = z.infer<typeof epochPoint>;

export const predictionSample = z.object({
  /** Position on the x axis (a time step, a value of j, a review index). */
  x: z.number(),
  actual: z.number(),
  /** null where the model predicted NaN or infinity. */
  predicted: z.number().nullable(),
});

export const modelReport = z.object({
  layers: z.array(z.string()),
  inputShape: z.array(z.number().nullable()),
  outputShape: z.array(z.number().nullable()),
  params: z.number().int(),
  compiledByStudent: z.boolean(),
  optimizer: z.string().nullable(),
  loss: z.string().nullable(),
  /** The task's contract for this model: met or not, and why (missing, off the path, dead, too large). */
  contract: z.object({ ok: z.boolean(), feedback: localizedText }).nullable().default(null),
  /**
   * Per required recurrent layer: the model's error on the ablation rows as trained and with the
   * layer's outputs swapped between examples (null where infinite), the rise as a share of the
   * targets' variance, and how far the layer's own output moves when it reads its input backwards.
   */
  ablation: z
    .array(z.object({ layer: z.string(), error: z.number().nullable(), ablatedError: z.number().nullable(), rise: z.number().nullable(), orderChange: z.number().nullable() }))
    .default([]),
  /** Per recurrent layer: trained by the fused kernels or by stock tfjs (and why). */
  recurrent: z
    .array(z.object({ layer: z.string(), cell: z.string(), path: z.enum(["fused", "stock"]), reason: z.string().nullable() }))
    .default([]),
  /** How the optimizer's updates ran: Adam in one native pass per weight ("fused") or tfjs's own, and why. */
  optimizerUpdate: z.object({ optimizer: z.string(), path: z.enum(["fused", "stock"]), reason: z.string().nullable() }).nullable().default(null),
  /** Which loop trained it: the grader's native one (grader/recurrent/native-fit.ts) or tfjs's fit, and why. */
  trainingLoop: z.object({ path: z.enum(["native", "tfjs"]), reason: z.string().nullable() }).nullable().default(null),
});
export type ModelReport = z.infer<typeof modelReport>;

export const diagnostic = z.object({
  model: z.string().optional(),
  severity: z.enum(["info", "warning"]),
  text: localizedText,
});
export type Diagnostic = z.infer<typeof diagnostic>;

export const gradeResult = z.object({
  task: z.string(),
  passed: z.boolean(),
  score: z.number(),
  maxScore: z.number(),
  checks: z.array(checkResult),
  failure: failure.optional(),
  /** Named figures: `lstm.testMse`, `accuracy`, ... */
  metrics: z.record(z.string(), z.number().nullable()),
  /** Per model (`model`, `rnn`, `lstm`), one point per finished epoch. */
  curves: z.record(z.string(), z.array(epochPoint)),
  /**
   * Per model, predictions against the real values on a public series, for charts. It is not
   * the hidden test set and is not scored: its real values may be shown to anyone.
   */
  predictions: z.record(z.string(), z.array(predictionSample)),
  /** Where `predictions` come from; results from before hidden data was kept hidden lack it. */
  predictionSource: z.literal("public-series").optional(),
  /** Binary tasks: counts of the confusion matrix on the test set. */
  confusion: z.object({ tp: z.number(), fp: z.number(), tn: z.number(), fn: z.number() }).optional(),
  /**
   * The leaderboard's split of the hidden test set: `public` before the deadline, `private`
   * after. The private score is for instructors and the reveal: student views remove it.
   */
  leaderboard: z
    .object({ metric: z.string(), higherIsBetter: z.boolean(), public: z.number().nullable(), private: z.number().nullable() })
    .optional(),
  models: z.record(z.string(), modelReport),
  /**
   * The N training runs the grade is the median of: each seed's score and metrics, which run
   * is the median (its checks, curves and charts are the ones above), and the spread.
   * Results from before grades took N seeds lack it.
   */
  runs: z
    .object({
      chosen: z.number().int().nonnegative(),
      each: z.array(z.object({
        seed: z.number().int(),
        score: z.number(),
        passed: z.boolean(),
        failure: z.enum(FAILURE_KINDS).nullable(),
        metrics: z.record(z.string(), z.number().nullable()),
      })),
      spread: z.record(z.string(), z.object({ min: z.number(), median: z.number(), max: z.number() })),
    })
    .optional(),
  /** Per model, how many examples it trained on, validated on (fit's split) and was graded on. */
  samples: z.record(z.string(), z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() })).optional(),
  diagnostics: z.array(diagnostic),
  logs: z.object({ text: z.string(), truncated: z.boolean() }),
  environment: z.object({
    backend: z.string().nullable(),
    tfjsVersion: z.string().nullable(),
    /** The fused recurrent kernels: loaded (with the BLAS behind them) or why not. Null before the sandbox said. */
    recurrentKernels: z.object({ available: z.boolean(), library: z.string().nullable(), reason: z.string().nullable() }).nullable().default(null),
    nodeVersion: z.string(),
    graderVersion: z.string(),
    isolation: z.array(z.string()),
    unsafeNoIsolation: z.boolean(),
    seed: z.number().int(),
    dataHash: z.string().nullable(),
    codeHash: z.string(),
    profile: z.string(),
    budget: z.object({ epochs: z.number().int(), batchSize: z.number().int() }).nullable(),
  }),
  timing: z.object({
    totalMs: z.number(),
    phases: z.array(z.object({ name: z.string(), ms: z.number() })),
  }),
});
export type GradeResult = z.infer<typeof gradeResult>;

/** Progress events streamed while a job runs (to a progress bar, a browser, a queue). */
export type ProgressEvent =
  | { type: "phase"; phase: string }
  /** `run` of `runs` (one per seed); the runs of one job may train at the same time. */
  | { type: "epoch"; model: string; point: EpochPoint; totalEpochs: number; run?: number; runs?: number }
  | { type: "log"; text: string };
