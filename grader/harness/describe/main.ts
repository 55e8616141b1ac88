/**
 * The describe harness: the only program that runs student code, inside the sandbox.
 *
 * It loads the submission, reports its exports, calls the student's plain functions on the
 * probe inputs the parent chose, calls each model builder and describes the model it got:
 * topology and compile settings, as plain data. It never trains, predicts or scores, and
 * never sees a test input or target: the train sandbox and the parent do that, without
 * student code. Everything sent from here is the student's speech, validated by the parent.
 */
import { MEMORY_PATTERNS } from "../memory-error";
import { captureConsole, listenForFrames, nextFrame, send, setNonce } from "../channel";
import { PREPARED_CHUNK_BYTES, unpackTensor, type DescribeJobFrame, type DescribePlanFrame, type ErrorInfo, type PrepareRequest } from "../../sandbox/protocol";
import { seedMathRandom } from "../seeded-random";
import { dropLibraryWarnings } from "../library-warnings";
import { SUBMISSION_FILENAME } from "./submission-file";
import { inspectExports } from "./inspect-exports";
import { toPlain } from "./plain-value";

Error.stackTraceLimit = 50;
// Captured before any student code runs, as the channel's own tools are: a submission that
// replaces Buffer.from or Buffer#toString afterwards does not reach these.
const bufferFrom = Buffer.from.bind(Buffer) as (buffer: ArrayBufferLike, offset: number, length: number) => Buffer;
const bufferToString = Buffer.prototype.toString;
const toBase64 = (bytes: Uint8Array): string => bufferToString.call(bufferFrom(bytes.buffer, bytes.byteOffset, bytes.byteLength), "base64");
// Captured before lockProcess() replaces it: process.exit itself calls process.reallyExit.
const reallyExit = (process as unknown as { reallyExit: (code: number) => never }).reallyExit.bind(process);

function errorInfo(err: unknown): ErrorInfo {
  try {
    if (err instanceof Error) return { name: String(err.name).slice(0, 200), message: String(err.message).slice(0, 10_000), stack: String(err.stack ?? "").slice(0, 40_000) };
  } catch {
    // an error object with hostile getters
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

/**
 * Weights made here are never used (the train sandbox draws its own), and tfjs's Orthogonal
 * initialiser, the default for recurrent kernels, takes most of a second per LSTM on the cpu
 * backend. Here it hands out zeros; the configuration it serialises is unchanged.
 */
function skipCostlyInitialisers(tf: typeof import("@tensorflow/tfjs")): void {
  const map = (tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Record<string, [{ prototype: { apply: unknown } }]> }).classNameMap;
  const orthogonal = map.Orthogonal?.[0];
  if (orthogonal) orthogonal.prototype.apply = (shape: number[], dtype?: "float32") => tf.zeros(shape, dtype);
}

async function main(): Promise<void> {
  listenForFrames();
  captureConsole();
  // Before TensorFlow.js loads: its greeting and warnings are not the student's output.
  dropLibraryWarnings(console, SUBMISSION_FILENAME);
  const { header } = await nextFrame();
  const job = header as DescribeJobFrame;
  setNonce(job.nonce);
  seedMathRandom(job.seed);
  send({ type: "phase", name: "boot" });

  // TensorFlow.js is loaded only now, after Math.random is seeded. Building a model needs a
  // backend; nothing trains here, so the plain JavaScript one does.
  const tf = await import("@tensorflow/tfjs");
  tf.env().set("PROD", true);
  await tf.setBackend("cpu");
  skipCostlyInitialisers(tf);
  send({ type: "ready", tfjsVersion: tf.version.tfjs });

  const { loadSubmission } = await import("./load-submission");
  const { compileSettingsOf, isDescribable, topologyOf } = await import("./describe-model");

  send({ type: "phase", name: "load" });
  lockProcess();
  let mod: Record<string, unknown>;
  let report: ReturnType<typeof inspectExports>;
  try {
    // Reading exports runs student code too (getters), so it stays inside the try.
    mod = loadSubmission(job.code);
    report = inspectExports(mod);
  } catch (err) {
    send({ type: "failure", kind: failureKind(err), phase: "load", error: errorInfo(err) });
    return;
  }
  const { found, constants, training } = report;
  send({ type: "exports", found, constants, training });

  const planFrame = await nextFrame();
  const plan = planFrame.header as DescribePlanFrame;
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

  const { tabulate } = await import("./tabulate");
  for (const request of plan.prepare) {
    const phase = `prepare:${request.id}`;
    send({ type: "phase", name: phase });
    let table: ReturnType<typeof tabulate>;
    try {
      const args = argumentsFor(request, plan, planFrame.payload);
      const value = await (mod[request.fn] as (...a: unknown[]) => unknown)(...args);
      table = tabulate(value, request.output, request.fn);
    } catch (err) {
      send({ type: "failure", kind: failureKind(err), phase, model: request.id, error: errorInfo(err) });
      return;
    }
    sendTable(request.id, table);
  }

  for (const build of plan.builds) {
    const phase = `build:${build.id}`;
    send({ type: "phase", name: phase });
    try {
      const built = await (mod[build.fn] as (...args: unknown[]) => unknown)(...build.args);
      if (!isDescribable(built)) {
        const what = built === undefined ? "undefined" : built === null ? "null" : typeof built;
        send({
          type: "failure", kind: "export", phase, model: build.id,
          error: { name: "TypeError", message: `${build.fn}() must return a tf.LayersModel, got ${what}`, stack: "" },
        });
        return;
      }
      send({ type: "description", id: build.id, topology: topologyOf(built), compile: compileSettingsOf(built) });
    } catch (err) {
      send({ type: "failure", kind: failureKind(err), phase, model: build.id, error: errorInfo(err) });
      return;
    }
  }
  send({ type: "done" });
}

/** The request's arguments, with the payload's sequences rebuilt as plain number[][]. */
function argumentsFor(request: PrepareRequest, plan: DescribePlanFrame, payload: Buffer): unknown[] {
  const args = [...request.args];
  if (request.sequencesArg !== undefined) {
    const tokens = unpackTensor(payload, plan.tensors[`${request.id}.tokens`]).data;
    const offsets = unpackTensor(payload, plan.tensors[`${request.id}.offsets`]).data;
    const sequences: number[][] = new Array(offsets.length - 1);
    for (let i = 0; i < sequences.length; i++) sequences[i] = Array.from(tokens.subarray(offsets[i], offsets[i + 1]));
    args[request.sequencesArg] = sequences;
  }
  return args;
}

/** The table's header, then its bytes (inputs then targets) in base64 chunks. */
function sendTable(id: string, table: import("./tabulate").Tabulated): void {
  if (!table.ok) {
    send({ type: "prepared", id, xShape: [0], yLength: null, chunks: 0, problem: table.problem.slice(0, 1000) });
    return;
  }
  const bytes = new Uint8Array(table.x.byteLength + (table.y?.byteLength ?? 0));
  bytes.set(new Uint8Array(table.x.buffer, table.x.byteOffset, table.x.byteLength), 0);
  if (table.y) bytes.set(new Uint8Array(table.y.buffer, table.y.byteOffset, table.y.byteLength), table.x.byteLength);
  const chunks = Math.ceil(bytes.byteLength / PREPARED_CHUNK_BYTES);
  send({ type: "prepared", id, xShape: table.xShape, yLength: table.y ? table.y.length : null, chunks, problem: null });
  for (let i = 0; i < chunks; i++) {
    send({ type: "chunk", id, index: i, data: toBase64(bytes.subarray(i * PREPARED_CHUNK_BYTES, (i + 1) * PREPARED_CHUNK_BYTES)) });
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
