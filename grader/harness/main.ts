/**
 * The grading harness: the only program that runs inside the sandbox.
 *
 * It reads a job (the compiled submission, the seed), loads the submission, reports what
 * it exports, then waits for the plan (data, probes, models), trains and predicts, and
 * streams every step back as messages. It never sees a test target and never scores:
 * the trusted parent does both.
 */
import { captureConsole, send, setNonce, listenForFrames, nextFrame } from "./channel";
import type { ErrorInfo, JobFrame, ModelPlan, PlanFrame, TensorData } from "../sandbox/protocol";
import { unpackTensor } from "../sandbox/protocol";
import { seedMathRandom } from "./seeded-random";

Error.stackTraceLimit = 50;
// Captured before lockProcess() replaces it: process.exit itself calls process.reallyExit.
const reallyExit = (process as unknown as { reallyExit: (code: number) => never }).reallyExit.bind(process);

function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof Error) {
    return { name: err.name, message: String(err.message), stack: String(err.stack ?? "") };
  }
  return { name: "Error", message: `thrown value: ${safeString(err)}`, stack: "" };
}

function safeString(value: unknown): string {
  try {
    return String(value).slice(0, 500);
  } catch {
    return "[unprintable]";
  }
}

const MEMORY_PATTERNS = /out of memory|Array buffer allocation failed|Cannot allocate|WebAssembly\.Memory|Invalid typed array length|memory access out of bounds/i;

function failureKind(err: unknown): "exception" | "memory" {
  return err instanceof Error && MEMORY_PATTERNS.test(`${err.name} ${err.message}`) ? "memory" : "exception";
}

/** Student code must not end the process or signal others; the OS layers back this up. */
function lockProcess(): void {
  const deny = (what: string) => () => {
    throw new Error(`${what} is not allowed in a submission`);
  };
  process.exit = deny("process.exit") as never;
  process.abort = deny("process.abort") as never;
  process.kill = deny("process.kill") as never;
  (process as unknown as { reallyExit: unknown }).reallyExit = deny("process.reallyExit");
}

function toPlain(value: unknown, depth = 0): unknown {
  // Probe results cross the wire as JSON; typed arrays and tensors-like values become arrays.
  if (depth > 6) return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map((v) => toPlain(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v, depth + 1);
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return value;
}

async function main(): Promise<void> {
  listenForFrames();
  captureConsole();
  const { header: job } = (await nextFrame()) as { header: JobFrame };
  setNonce(job.nonce);
  seedMathRandom(job.seed);
  send({ type: "phase", name: "boot" });

  // TensorFlow.js is loaded only now, after Math.random is seeded.
  const tf = await import("@tensorflow/tfjs");
  tf.env().set("PROD", true);
  const { selectBackend } = await import("./backend");
  const { backend, fastKernels } = await selectBackend(job.backend, __dirname);
  const { setUpRecurrentKernels } = await import("./recurrent");
  const recurrent = setUpRecurrentKernels(__dirname, job.fusedRecurrent);
  send({ type: "ready", backend, tfjsVersion: tf.version.tfjs, fastKernels, recurrentKernels: recurrent.kernels });

  const { loadSubmission } = await import("./load-submission");
  const { describeModel, isLayersModel, shapeMatches } = await import("./model-report");

  send({ type: "phase", name: "load" });
  lockProcess();
  let mod: Record<string, unknown>;
  const found: Record<string, string> = {};
  const constants: Record<string, number> = {};
  let training: { epochs?: unknown; batchSize?: unknown } | null = null;
  try {
    // Reading exports runs student code too (getters), so it stays inside the try.
    mod = loadSubmission(job.code);
    for (const [name, value] of Object.entries(mod)) {
      found[name] = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
      if (typeof value === "number") constants[name] = value;
    }
    const t = mod.training as Record<string, unknown> | undefined;
    if (t && typeof t === "object") training = toPlain({ epochs: t.epochs, batchSize: t.batchSize }) as typeof training;
  } catch (err) {
    send({ type: "failure", kind: failureKind(err), phase: "load", error: errorInfo(err) });
    return;
  }
  send({ type: "exports", found, constants, training });

  const { header, payload } = await nextFrame();
  const plan = header as PlanFrame;
  const tensor = (name: string): TensorData => unpackTensor(payload, plan.tensors[name]);

  send({ type: "phase", name: "probe" });
  for (const probe of plan.probes) {
    try {
      const fn = mod[probe.fn] as (...args: unknown[]) => unknown;
      const value = await fn(...probe.args);
      send({ type: "probe", id: probe.id, ok: true, value: toPlain(value) });
    } catch (err) {
      send({ type: "probe", id: probe.id, ok: false, error: errorInfo(err) });
    }
  }

  for (const mp of plan.models) {
    recurrent.layers.resetReport();
    const ok = await runModel(tf, mp, mod, tensor, { describeModel, isLayersModel, shapeMatches });
    // Which recurrent path trained this model (fused or stock, and why), also after a failure.
    const layers = recurrent.layers.report();
    if (layers.length > 0) send({ type: "recurrent", model: mp.id, layers });
    if (!ok) return;
  }
  send({ type: "done" });
}

type Tf = typeof import("@tensorflow/tfjs");
type ReportFns = typeof import("./model-report");

async function runModel(
  tf: Tf,
  mp: ModelPlan,
  mod: Record<string, unknown>,
  tensor: (name: string) => TensorData,
  fns: Pick<ReportFns, "describeModel" | "isLayersModel" | "shapeMatches">,
): Promise<boolean> {
  let phase = `build:${mp.id}`;
  send({ type: "phase", name: phase });
  try {
    const built = await (mod[mp.build.fn] as (...args: unknown[]) => unknown)(...mp.build.args);
    if (!fns.isLayersModel(built)) {
      const what = built === undefined ? "undefined" : built === null ? "null" : typeof built;
      send({
        type: "failure", kind: "export", phase, model: mp.id,
        error: { name: "TypeError", message: `${mp.build.fn}() must return a tf.LayersModel, got ${what}`, stack: "" },
      });
      return false;
    }
    const model = built;
    const report = fns.describeModel(model);
    send({ type: "model", id: mp.id, report });
    if (report.inputCount !== 1 || report.outputCount !== 1 ||
        !fns.shapeMatches(report.inputShape, mp.inputShape) || !fns.shapeMatches(report.outputShape, mp.outputShape)) {
      send({
        type: "failure", kind: "shape", phase, model: mp.id,
        error: {
          name: "ShapeError",
          message: `model '${mp.id}': input ${JSON.stringify(report.inputShape)} and output ${JSON.stringify(report.outputShape)}, expected [null,${mp.inputShape}] and [null,${mp.outputShape}]`,
          stack: "",
        },
      });
      return false;
    }
    if (!report.compiledByStudent) {
      model.compile({ optimizer: tf.train.adam(mp.learningRate), loss: mp.loss, metrics: mp.metrics });
    }

    phase = `train:${mp.id}`;
    send({ type: "phase", name: phase });
    const trainX = tensor(mp.trainX);
    const trainY = tensor(mp.trainY);
    const x = tf.tensor(trainX.data, trainX.shape, "float32");
    const y = tf.tensor(trainY.data, trainY.shape, "float32");
    let epochStart = Date.now();
    await model.fit(x, y, {
      epochs: mp.epochs,
      batchSize: mp.batchSize,
      validationSplit: mp.validationSplit,
      shuffle: true,
      verbose: 0,
      yieldEvery: "never",
      callbacks: {
        onEpochBegin: async () => {
          epochStart = Date.now();
        },
        onEpochEnd: async (epoch, logs) => {
          const clean: Record<string, number> = {};
          for (const [k, v] of Object.entries(logs ?? {})) if (typeof v === "number") clean[k] = v;
          send({ type: "epoch", model: mp.id, epoch, logs: clean, ms: Date.now() - epochStart });
        },
      },
    });
    x.dispose();
    y.dispose();

    phase = `predict:${mp.id}`;
    send({ type: "phase", name: phase });
    const testX = tensor(mp.testX);
    const tx = tf.tensor(testX.data, testX.shape, "float32");
    const out = model.predict(tx, { batchSize: 256 }) as import("@tensorflow/tfjs").Tensor;
    const values = Array.from(await out.data());
    tx.dispose();
    out.dispose();
    send({ type: "predictions", model: mp.id, values });
    model.dispose();
    return true;
  } catch (err) {
    send({ type: "failure", kind: failureKind(err), phase, model: mp.id, error: errorInfo(err) });
    return false;
  }
}

process.on("unhandledRejection", (reason) => {
  send({ type: "failure", kind: failureKind(reason), phase: "async", error: errorInfo(reason) });
});

main()
  // Student code runs only inside the try blocks above: what reaches here is the harness's own fault.
  .catch((err) => send({ type: "failure", kind: "internal", phase: "harness", error: errorInfo(err) }))
  // Student timers or pending promises must not keep the sandbox alive.
  .finally(() => setImmediate(() => reallyExit(0)));
