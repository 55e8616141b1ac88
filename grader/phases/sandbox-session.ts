/** Opens one of the two sandboxes for a job, with every isolation layer and the job's limits. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { NODE_MODULES } from "../paths";
import type { Conversation } from "../sandbox/conversation";
import { harnessDir } from "../sandbox/harness-bundle";
import { PREPARED_MAX_VALUES } from "../sandbox/protocol";
import { SandboxSession, type SandboxOutcome } from "../sandbox/run-sandbox";

/** The describe sandbox may send the student's prepared data: its largest table, in base64, and room for the rest. */
const DESCRIBE_MESSAGE_BYTES = Math.ceil((PREPARED_MAX_VALUES * 4) / 3) * 4 + 32 * 1024 * 1024;
import type { JobOptions, JobState } from "./job";

export async function openSandbox<M extends { type: string }>(
  entry: "describe" | "train",
  job: JobOptions,
  schema: z.ZodType<M>,
  conversation: Conversation,
  totalTimeoutMs: number,
): Promise<SandboxSession<M>> {
  const dir = await harnessDir(job.config.TREINO_CACHE_DIR);
  const tfjsNode = path.join(NODE_MODULES, "@tensorflow", "tfjs-node");
  return new SandboxSession<M>({
    entry,
    harnessDir: dir,
    limits: {
      memoryBytes: job.config.TREINO_SANDBOX_MEMORY_MB * 1024 ** 2,
      pids: 64,
      cpus: job.config.TREINO_SANDBOX_CPUS,
      cpuSeconds: Math.ceil((totalTimeoutMs * 2) / 1000),
    },
    allowUnsandboxed: job.config.TREINO_UNSAFE_NO_SANDBOX,
    // Only the train sandbox, which runs no student code, may load tfjs-node's native addon.
    nodeModulesDir: entry === "train" && fs.existsSync(tfjsNode) ? NODE_MODULES : null,
    phaseTimeoutMs: (phase) => job.spec.phaseTimeoutMs(phase, job.profile),
    totalTimeoutMs,
    schema,
    conversation,
    ...(entry === "describe" ? { maxMessageBytes: DESCRIBE_MESSAGE_BYTES } : {}),
  });
}

/** Stops the grading's sandbox when the job is cancelled (worker shutdown); returns the detach. */
export function stopOnAbort(job: JobOptions, session: SandboxSession<{ type: string }>): () => void {
  const abort = () => session.stop({ kind: "sandbox", reason: "grading was cancelled" });
  // A run that starts after the cancel (the job's later seeds) stops at once.
  if (job.signal?.aborted) abort();
  job.signal?.addEventListener("abort", abort);
  return () => job.signal?.removeEventListener("abort", abort);
}

/** Ends a sandbox session: the process tree is gone, its phases are recorded under `label`. */
export async function finishSession(session: SandboxSession<{ type: string }>, state: JobState, label: string, started: number): Promise<SandboxOutcome> {
  session.stop();
  const outcome = await session.finished;
  state.phases.push(...outcome.phases.map((p) => ({ name: `${label}:${p.name}`, ms: p.ms })));
  state.phases.push({ name: label, ms: Date.now() - started });
  return outcome;
}
