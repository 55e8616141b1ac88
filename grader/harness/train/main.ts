/**
 * The train harness: runs in its own sandbox and never loads student code. It rebuilds each
 * model from the description the parent validated, reports what it rebuilt, and on the
 * parent's go trains it with its own fit within the budget, predicts the test inputs (and
 * the public chart series), ablates the required recurrent layers, and streams every step
 * back. It never sees a test target and never scores: the parent does.
 */
import { MEMORY_PATTERNS } from "../memory-error";
import { listenForFrames, nextFrame, send, setNonce } from "../channel";
import type { ErrorInfo, TensorData, TrainGoFrame, TrainInitFrame, TrainJobFrame, TrainModelPlan } from "../../sandbox/protocol";
import { unpackTensor } from "../../sandbox/protocol";
import { seedMathRandom } from "../seeded-random";
import type { NativeTrainer, TrainingLoopUse } from "../../recurrent/native-fit";

Error.stackTraceLimit = 50;

function errorInfo(err: unknown): ErrorInfo {
  if (err instanceof Error) return { name: err.name, message: String(err.message).slice(0, 10_000), stack: String(err.stack ?? "").slice(0, 40_000) };
  return { name: "Error", message: String(err).slice(0, 500), stack: "" };
}


type Tf = typeof import("@tensorflow/tfjs");

async function main(): Promise<void> {
  listenForFrames();
  const init = (await nextFrame()).header as TrainInitFrame;
  setNonce(init.nonce);
  // Initial weights and fit's shuffling draw from Math.random: seeding it before tfjs loads
  // makes the same description and seed train to the same model.
  seedMathRandom(init.seed);
  send({ type: "phase", name: "boot" });

  const tf = await import("@tensorflow/tfjs");
  tf.env().set("PROD", true);
  const { selectBackend } = await import("../backend");
  const { backend, fastKernels } = await selectBackend(init.backend, __dirname);
  const { setUpRecurrentKernels } = await import("../recurrent");
  const recurrent = setUpRecurrentKernels(__dirname, init.fusedRecurrent, init.nativeFit);
  send({ type: "ready", backend, tfjsVersion: tf.version.tfjs, fastKernels, recurrentKernels: recurrent.kernels });

  // The models come once the describe sandbox is done and the parent has checked them.
  const { header, payload } = await nextFrame();
  const job = header as TrainJobFrame;

  const tensor = (name: string): TensorData => unpackTensor(payload, job.tensors[name]);
  for (const plan of job.models) {
    recurrent.layers.resetReport();
    recurrent.adam.resetReport();
    const trained = await runModel(tf, plan, tensor, recurrent.native);
    if (trained === false) return;
    // Which recurrent path trained this model (fused or stock, and why), its optimizer's update and its loop.
    // The native loop's Adam is the addon's one-pass update, as the fused Adam's.
    const optimizer = !trained ? null : trained.loop.path === "native" ? { optimizer: trained.optimizer, path: "fused" as const, reason: null } : recurrent.adam.reportFor(trained.optimizer);
    send({ type: "recurrent", model: plan.id, layers: recurrent.layers.report(), optimizer, trainingLoop: trained?.loop ?? null });
  }
  send({ type: "done" });
}

/**
 * Rebuild, wait for the parent's verdict, then train, predict and ablate. The optimizer's class
 * name and the loop that trained it (null when the parent said not to train), false after a failure.
 */
async function runModel(
  tf: Tf, plan: TrainModelPlan, tensor: (name: string) => TensorData, native: NativeTrainer | null,
): Promise<{ optimizer: string; loop: TrainingLoopUse } | null | false> {
  const { rebuild, RebuildError, ablationUnits } = await import("./rebuild");
  const { orderSensitivity, predictOneBatch, predictSwapped } = await import("./ablation");
  let phase = `rebuild:${plan.id}`;
  send({ type: "phase", name: phase });
  try {
    // First with placeholder weights: the parent judges shapes, parameters and the contract
    // before anything costly runs; then for real, the weights drawn from the grading seed.
    const placeholder = await rebuild(plan, { placeholderWeights: true });
    placeholder.model.dispose();
    send({ type: "model", id: plan.id, report: placeholder.report });
    const go = (await nextFrame()).header as TrainGoFrame;
    if (!go.train) return null;

    phase = `train:${plan.id}`;
    send({ type: "phase", name: phase });
    const { model } = await rebuild(plan, { placeholderWeights: false });
    const trainX = tensor(plan.trainX);
    const trainY = tensor(plan.trainY);
    const x = tf.tensor(trainX.data, trainX.shape, "float32");
    const y = tf.tensor(trainY.data, trainY.shape, "float32");
    const { fitWithinBudget } = await import("./fit");
    const loop = await fitWithinBudget(model, x, y, plan, ({ epoch, logs, ms }) => {
      send({ type: "epoch", model: plan.id, epoch, logs, ms });
    }, { native: native ?? undefined });
    x.dispose();
    y.dispose();

    phase = `predict:${plan.id}`;
    send({ type: "phase", name: phase });
    const predict = async (name: string): Promise<number[]> => {
      const t = tensor(name);
      const input = tf.tensor(t.data, t.shape, "float32");
      const out = model.predict(input, { batchSize: 256 }) as import("@tensorflow/tfjs").Tensor;
      const values = Array.from(await out.data());
      input.dispose();
      out.dispose();
      return values;
    };
    send({ type: "predictions", model: plan.id, values: await predict(plan.testX) });
    if (plan.chartX) send({ type: "chart", model: plan.id, values: await predict(plan.chartX) });

    // Ablations on the first rows of the test inputs, all in one batch: the unchanged model
    // first (the reference), then each required layer's outputs swapped, and how far its
    // output moves when it reads its sequence backwards.
    const test = tensor(plan.testX);
    const rows = Math.min(plan.ablationRows, test.shape[0]);
    const rowSize = test.data.length / test.shape[0];
    const subset = tf.tensor(test.data.subarray(0, rows * rowSize), [rows, ...test.shape.slice(1)], "float32");
    const values = async (out: import("@tensorflow/tfjs").Tensor): Promise<number[]> => {
      const data = Array.from(await out.data());
      out.dispose();
      return data;
    };
    send({ type: "reference", model: plan.id, values: await values(predictOneBatch(model, subset)) });
    for (const unit of ablationUnits(model, plan.ablate)) {
      send({ type: "ablation", model: plan.id, layer: unit.name, values: await values(predictSwapped(model, unit, subset)) });
      send({ type: "order", model: plan.id, layer: unit.name, change: orderSensitivity(model, unit, subset) });
    }
    subset.dispose();
    const optimizer = model.optimizer?.getClassName() ?? "?";
    model.dispose();
    return { optimizer, loop };
  } catch (err) {
    const kind = err instanceof RebuildError ? "contract" : err instanceof Error && MEMORY_PATTERNS.test(`${err.name} ${err.message}`) ? "memory" : "exception";
    send({ type: "failure", kind, phase, model: plan.id, error: errorInfo(err) });
    return false;
  }
}

main()
  .catch((err) => send({ type: "failure", kind: "internal", phase: "harness", error: errorInfo(err) }))
  .finally(() => setImmediate(() => process.exit(0)));
