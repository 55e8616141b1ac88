/**
 * The describe phase: the student's module runs in the describe sandbox, which reports its
 * exports, the outputs of its plain functions on the probes, and a description of each model
 * it builds. Between the exports and the probes the parent plans the job (data for the
 * student's settings, the budget), with the sandbox's clock paused.
 */
import type { SubmissionSourceMap } from "../compile/source-map";
import { SHARED_DIR } from "../data/imdb/load";
import { installationSecret } from "../data/secret";
import { errorFailure, makeFailure, outcomeFailure } from "../failures";
import { describeMessage, type DescribeMessageParsed } from "../sandbox/child-messages";
import { Conversation, turn } from "../sandbox/conversation";
import { encodeFrame, packTensors, type CompileSettings, type PrepareRequest, type TensorData } from "../sandbox/protocol";
import type { TaskPlan } from "../tasks/types";
import { PreparedCollector } from "./prepared";
import { budgetFor, constantsWithDefaults, exportProblems } from "./exports";
import { sandboxBudgetMs, type JobOptions, type JobState } from "./job";
import { finishSession, openSandbox, stopOnAbort } from "./sandbox-session";

export async function describeSubmission(job: JobOptions, code: string, sourceMap: SubmissionSourceMap, state: JobState): Promise<void> {
  const { spec, profile, config } = job;
  const conversation = new Conversation([turn.phase("boot"), turn.type("ready"), turn.phase("load"), turn.type("exports")]);
  // The builds are known only after the plan; bound by the task's exports until then.
  const builders = spec.exports.filter((e) => e.kind === "function").length;
  const total = sandboxBudgetMs(spec, profile, ["start", "boot", "load", "probe", ...Array.from({ length: builders }, () => ["prepare", "build"]).flat()]);
  const session = await openSandbox<DescribeMessageParsed>("describe", job, describeMessage, conversation, total);
  state.layers = session.layers;
  const detach = stopOnAbort(job, session);
  const started = Date.now();
  let done = false;
  let studentCodeRan = false;

  session.send(encodeFrame({ type: "job", nonce: session.nonce, seed: job.seed, code, exports: spec.exports }));
  for await (const msg of session.messages()) {
    if (state.failure) break;
    switch (msg.type) {
      case "phase":
        if (msg.name === "load") studentCodeRan = true;
        job.onProgress({ type: "phase", phase: msg.name });
        break;
      case "ready":
        state.tfjsVersion = msg.tfjsVersion;
        break;
      case "exports": {
        const constants = constantsWithDefaults(spec, msg.constants);
        state.constants = constants;
        const problem = exportProblems(spec, msg.found, msg.constants);
        const budget = problem ? {} : budgetFor(spec, profile, msg.training, job.overrides?.maxEpochs);
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
          state.plan = await spec.plan({
            constants, budget: state.budget, profile,
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
        const plan = state.plan;
        state.dataHash = plan.dataHash;
        for (const p of plan.probes) state.probes[p.id] = { ok: false, skipped: true };
        const { prepare, table, payload } = preparationRequests(plan);
        conversation.expect(
          turn.phase("probe"),
          ...plan.probes.map((p) => turn.probe(p.id)),
          ...prepare.flatMap((r) => [turn.phase(`prepare:${r.id}`), turn.prepared(r.id)]),
          ...plan.models.flatMap((m) => [turn.phase(`build:${m.id}`), turn.of("description", m.id)]),
          turn.type("done"),
        );
        const builds = plan.models.map((m) => ({ id: m.id, fn: m.build.fn, args: m.build.args }));
        session.send(encodeFrame({ type: "plan", probes: plan.probes, prepare, builds, tensors: table }, payload));
        session.resumeTimer();
        break;
      }
      case "probe":
        if (msg.ok) state.probes[msg.id] = { ok: true, value: msg.value };
        else {
          const mapped = sourceMap.mapStack(msg.error?.stack || "");
          state.probes[msg.id] = { ok: false, error: { message: msg.error?.message ?? "error", line: mapped.first?.line } };
        }
        break;
      case "prepared":
      case "chunk":
        // Sizes and order are the sandbox's word: anything that does not add up ends it.
        try {
          if (msg.type === "prepared") state.prepared[msg.id] = new PreparedCollector(msg);
          else state.prepared[msg.id].add(msg.index, msg.data);
        } catch (err) {
          state.failure = makeFailure("sandbox", "failure.sandbox", { reason: (err as Error).message }, { phase: session.currentPhase });
          session.stop({ kind: "sandbox", reason: (err as Error).message });
        }
        break;
      case "description":
        state.descriptions[msg.id] = { topology: msg.topology, compile: msg.compile as CompileSettings | null };
        break;
      case "failure":
        if (msg.kind === "export") {
          // The harness reports "export" only for a build function that returned no model.
          const fn = state.plan?.models.find((x) => x.id === msg.model)?.build.fn ?? "build";
          state.failure = makeFailure("export", "failure.export.notModel", { fn, actual: msg.error.message.split("got ").pop() ?? "" }, { phase: msg.phase });
        } else {
          // Student code has run in this process: an "internal" fault is not to be believed.
          const kind = msg.kind === "internal" && studentCodeRan ? "exception" : msg.kind;
          state.failure = errorFailure(kind, msg.phase, msg.error, sourceMap, config.TREINO_SANDBOX_MEMORY_MB);
        }
        break;
      case "done":
        done = true;
        break;
    }
  }
  const outcome = await finishSession(session, state, "describe", started);
  detach();
  state.logs = outcome.logs;
  if (!done && !state.failure) {
    if (job.signal?.aborted) state.failure = makeFailure("internal", "failure.internal", { detail: "grading was cancelled" });
    else state.failure = outcomeFailure(outcome, session.currentPhase, config.TREINO_SANDBOX_MEMORY_MB);
  }
}

/** Each model's preparation as a request, its sequences packed into the frame's payload. */
function preparationRequests(plan: TaskPlan<unknown>) {
  const prepare: PrepareRequest[] = [];
  const tensors: Record<string, TensorData> = {};
  for (const m of plan.models) {
    if (!m.prepare) continue;
    const { fn, args, output, sequences } = m.prepare;
    prepare.push({ id: m.id, fn, args, output, ...(sequences ? { sequencesArg: sequences.arg } : {}) });
    if (sequences) {
      tensors[`${m.id}.tokens`] = { dtype: "int32", shape: [sequences.tokens.length], data: sequences.tokens };
      tensors[`${m.id}.offsets`] = { dtype: "int32", shape: [sequences.offsets.length], data: sequences.offsets };
    }
  }
  return { prepare, ...packTensors(tensors) };
}
