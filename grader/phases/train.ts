/**
 * The train phase: the parent validates each model's description (grader/contract), then a
 * second sandbox that never loads student code rebuilds, trains, predicts and ablates. Each
 * rebuilt model passes the contract gate before it trains: a model that fails it is skipped
 * (no metric points) and the result says what is missing or dead.
 */
import { validateDescription, type ValidDescription } from "../contract/description";
import { verdictAfterAblation, verdictBeforeTraining } from "../contract/verdict";
import { makeFailure, outcomeFailure } from "../failures";
import { text } from "../i18n/messages";
import type { EpochPoint } from "../result";
import { trainMessage, type TrainMessageParsed } from "../sandbox/child-messages";
import { Conversation, turn, type Turn } from "../sandbox/conversation";
import type { SandboxSession } from "../sandbox/run-sandbox";
import { encodeFrame, packTensors, type RebuiltModelReport, type TensorData, type TrainModelPlan } from "../sandbox/protocol";
import { countNonFinite } from "../scoring/metrics";
import type { PlannedModel } from "../tasks/types";
import { sandboxBudgetMs, type JobOptions, type JobState } from "./job";
import { finishSession, openSandbox, stopOnAbort } from "./sandbox-session";

/** The ablation predicts at most this many test rows: enough to see whether a layer matters. */
export const ABLATION_ROWS = 512;

/** Validates every description first: one that cannot be rebuilt fails the job before training. */
function validated(state: JobState, models: PlannedModel[]): Map<string, ValidDescription> | null {
  const out = new Map<string, ValidDescription>();
  for (const m of models) {
    const description = state.descriptions[m.id];
    if (!description) return null;
    const check = validateDescription(description.topology, description.compile);
    if (!check.ok) {
      const { code, params } = check.problem;
      state.failure = makeFailure("contract", `failure.${code}` as const, { model: m.id, ...params }, { phase: `build:${m.id}` });
      return null;
    }
    out.set(m.id, check.value);
  }
  return out;
}

function shapesMatch(actual: (number | null)[], expected: number[]): boolean {
  const rest = actual.slice(1);
  return rest.length === expected.length && rest.every((d, i) => d === expected[i]);
}

export interface Trainer {
  session: SandboxSession<TrainMessageParsed>;
  conversation: Conversation;
  opened: number;
}

/**
 * Opens the train sandbox as soon as the submission compiled: it boots TensorFlow.js while
 * the describe sandbox runs. Its clocks stay paused until it is given the models; the
 * describe sandbox's own limits bound that wait.
 */
export async function openTrainer(job: JobOptions, seed: number): Promise<Trainer> {
  const { spec, profile, config } = job;
  const conversation = new Conversation([turn.phase("boot"), turn.type("ready")]);
  // At most as many models as the task has builders.
  const models = Math.max(1, spec.exports.filter((e) => e.kind === "function").length);
  const total = sandboxBudgetMs(spec, profile, ["start", "boot", ...Array.from({ length: models }, () => ["build", "train", "predict"]).flat()]);
  const session = await openSandbox<TrainMessageParsed>("train", job, trainMessage, conversation, total);
  session.pauseTimer();
  session.send(encodeFrame({ type: "init", nonce: session.nonce, seed, backend: job.backend, fusedRecurrent: config.TREINO_FUSED_RNN, nativeFit: config.TREINO_NATIVE_FIT }));
  return { session, conversation, opened: Date.now() };
}

export async function trainModels(job: JobOptions, state: JobState, trainer: Trainer): Promise<void> {
  const { config } = job;
  const plan = state.plan!;
  const budget = state.budget!;
  const descriptions = validated(state, plan.models);
  if (!descriptions) return;

  const tensors: Record<string, TensorData> = {};
  const models: TrainModelPlan[] = plan.models.map((m) => {
    const d = descriptions.get(m.id)!;
    // The student's own prepared data where the task asks for it, else the reference's.
    const train = state.trainData[m.id] ?? m.train;
    tensors[`${m.id}.trainX`] = train.x;
    tensors[`${m.id}.trainY`] = train.y;
    tensors[`${m.id}.testX`] = m.test.x;
    if (m.chart) tensors[`${m.id}.chartX`] = m.chart.x;
    state.models[m.id] = { report: null, contract: null, curve: [], predictions: null, chart: null, reference: null, ablations: [], order: [] };
    return {
      id: m.id, topology: d.topology, compile: d.compile,
      defaults: { loss: m.loss, metrics: m.metrics, learningRate: m.learningRate },
      ablate: [m.contract.layer], ablationRows: ABLATION_ROWS,
      epochs: budget.epochs, batchSize: budget.batchSize, validationSplit: m.validationSplit,
      trainX: `${m.id}.trainX`, trainY: `${m.id}.trainY`, testX: `${m.id}.testX`, chartX: m.chart ? `${m.id}.chartX` : null,
    };
  });
  const rebuildTurns = (m: PlannedModel): Turn[] => [turn.phase(`rebuild:${m.id}`), turn.of("model", m.id)];
  const { session, conversation } = trainer;
  conversation.expect(...rebuildTurns(plan.models[0]));
  const detach = stopOnAbort(job, session);
  const started = Date.now();
  let done = false;

  const { table, payload } = packTensors(tensors);
  session.send(encodeFrame({ type: "job", models, tensors: table }, payload));
  session.resumeTimer();

  const gate = (index: number, report: RebuiltModelReport): boolean => {
    const m = plan.models[index];
    const s = state.models[m.id];
    s.report = { ...report, recurrent: [], optimizerUpdate: null, trainingLoop: null, contract: null, ablation: [] };
    if (report.inputCount !== 1 || report.outputCount !== 1 || !shapesMatch(report.inputShape, m.inputShape) || !shapesMatch(report.outputShape, m.outputShape)) {
      state.failure = makeFailure("shape", "failure.shape", {
        model: m.id, input: JSON.stringify(report.inputShape), output: JSON.stringify(report.outputShape),
        expectedInput: JSON.stringify([null, ...m.inputShape]), expectedOutput: JSON.stringify([null, ...m.outputShape]),
      }, { phase: `rebuild:${m.id}` });
      return false;
    }
    s.contract = verdictBeforeTraining(m.contract, descriptions.get(m.id)!.topology, report);
    const next = plan.models[index + 1];
    const after = next ? rebuildTurns(next) : [turn.type("done")];
    if (s.contract.ok) {
      conversation.expect(
        turn.phase(`train:${m.id}`),
        ...Array.from({ length: budget.epochs }, (_, e) => turn.epoch(m.id, e)),
        turn.phase(`predict:${m.id}`),
        turn.values("predictions", m.id, m.test.x.shape[0]),
        ...(m.chart ? [turn.values("chart", m.id, m.chart.x.shape[0])] : []),
        turn.values("reference", m.id, Math.min(ABLATION_ROWS, m.test.x.shape[0])),
        ...report.ablationUnits.flatMap((u) => [turn.ablation(m.id, u.name, Math.min(ABLATION_ROWS, m.test.x.shape[0])), turn.order(m.id, u.name)]),
        turn.of("recurrent", m.id),
        ...after,
      );
    } else {
      conversation.expect(turn.of("recurrent", m.id), ...after);
    }
    if (!report.compiledByStudent) {
      state.diagnostics.push({ model: m.id, severity: "info", text: text("diag.defaultCompile", { lr: m.learningRate, loss: m.loss }) });
    }
    session.send(encodeFrame({ type: "go", id: m.id, train: s.contract.ok }));
    return true;
  };

  for await (const msg of session.messages()) {
    if (state.failure) break;
    switch (msg.type) {
      case "phase":
        if (msg.name !== "boot") job.onProgress({ type: "phase", phase: msg.name });
        break;
      case "ready":
        state.backend = msg.backend;
        state.tfjsVersion = msg.tfjsVersion;
        state.recurrentKernels = msg.recurrentKernels;
        break;
      case "model":
        if (!gate(plan.models.findIndex((m) => m.id === msg.id), msg.report)) session.stop({ kind: "sandbox", reason: "stopped by the grader" });
        break;
      case "epoch": {
        const num = (k: string) => msg.logs[k] ?? null;
        const point: EpochPoint = { epoch: msg.epoch, loss: num("loss"), valLoss: num("val_loss"), acc: num("acc"), valAcc: num("val_acc"), ms: msg.ms };
        state.models[msg.model].curve.push(point);
        job.onProgress({ type: "epoch", model: msg.model, point, totalEpochs: budget.epochs });
        break;
      }
      case "predictions": {
        const predictions = Float32Array.from(msg.values, (v) => (v == null ? NaN : v));
        state.models[msg.model].predictions = predictions;
        const bad = countNonFinite(predictions);
        if (bad > 0) state.nanFailure ??= makeFailure("nan", "failure.nan", { model: msg.model, count: bad, total: predictions.length }, { phase: `predict:${msg.model}` });
        break;
      }
      case "chart":
        state.models[msg.model].chart = msg.values.map((v) => (v == null ? NaN : v));
        break;
      case "reference":
        state.models[msg.model].reference = msg.values;
        break;
      case "ablation":
        state.models[msg.model].ablations.push({ layer: msg.layer, values: msg.values });
        break;
      case "order":
        state.models[msg.model].order.push({ layer: msg.layer, change: msg.change });
        break;
      case "recurrent": {
        const report = state.models[msg.model].report;
        if (report) {
          report.recurrent = msg.layers;
          report.optimizerUpdate = msg.optimizer;
          report.trainingLoop = msg.trainingLoop;
        }
        break;
      }
      case "failure": {
        const detail = `${msg.error.name === "Error" ? "" : `${msg.error.name}: `}${msg.error.message}`.slice(0, 2000);
        if (msg.kind === "contract") state.failure = makeFailure("contract", "failure.contract.rebuild", { model: msg.model ?? "", detail: msg.error.message.slice(0, 2000) }, { phase: msg.phase });
        else if (msg.kind === "memory") state.failure = makeFailure("memory", "failure.memory", { phase: msg.phase, limitMb: config.TREINO_SANDBOX_MEMORY_MB, detail }, { phase: msg.phase });
        else if (msg.kind === "internal") state.failure = makeFailure("internal", "failure.internal", { detail }, { phase: msg.phase });
        // Not the student's code (none runs here): their model, trained by the grader, failed.
        else state.failure = makeFailure("exception", "failure.training", { phase: msg.phase, detail }, { phase: msg.phase });
        break;
      }
      case "done":
        done = true;
        break;
    }
  }
  const outcome = await finishSession(session, state, "train", started);
  detach();
  state.phases.push({ name: "train (from its start, alongside describe)", ms: Date.now() - trainer.opened });
  if (!done && !state.failure) {
    if (job.signal?.aborted) state.failure = makeFailure("internal", "failure.internal", { detail: "grading was cancelled" });
    // No student code ran in this sandbox: only its resources (time, memory) are the student's doing.
    else {
      const f = outcomeFailure(outcome, session.currentPhase, config.TREINO_SANDBOX_MEMORY_MB);
      state.failure = f.kind === "timeout" || f.kind === "memory" ? f : makeFailure("internal", "failure.internal", { detail: `the training sandbox stopped: ${f.message}` }, { phase: f.phase });
    }
  }
  judgeAblations(state, plan.models);
}

/** After training, every model that trained must show its required layer matters. */
function judgeAblations(state: JobState, models: PlannedModel[]): void {
  for (const m of models) {
    const s = state.models[m.id];
    if (!s?.report || !s.contract?.ok || !s.predictions || !s.reference) continue;
    const { verdict, results } = verdictAfterAblation(m.contract, s.report, { scored: s.predictions, reference: s.reference }, m.test.y, s.ablations, s.order);
    s.contract = verdict;
    const finite = (x: number) => (Number.isFinite(x) ? x : null);
    s.report.ablation = results.map((r) => ({ layer: r.layer, error: finite(r.error), ablatedError: finite(r.ablatedError), rise: finite(r.rise), orderChange: finite(r.orderChange) }));
  }
}
