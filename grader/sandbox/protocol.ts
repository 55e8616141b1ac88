/**
 * The wire between the trusted grader and its two sandboxes.
 *
 * A grading runs two sandboxed processes, both with every isolation layer:
 *  - the describe sandbox loads the student's module, calls their plain functions and their
 *    model builders, and answers with plain data only: function outputs, each model's
 *    topology (`model.toJSON()`) and compile settings by name. Everything it says is the
 *    student's speech: the parent validates it and trusts none of it.
 *  - the train sandbox never loads student code: it rebuilds each model from the validated
 *    description with tfjs's own classes, initialises the weights from the grading seed,
 *    trains with the harness's own fit, predicts, and ablates the required recurrent layers.
 *
 * Parent -> child: length-prefixed frames on stdin, each a JSON header plus a binary
 * payload (training and test inputs travel as raw typed arrays, never as JSON).
 * Child -> parent: newline-delimited JSON on fd 3, every line prefixed with a nonce the
 * harness read before any student code ran. The parent also enforces each conversation's
 * order and counts (sandbox/conversation.ts): a line out of turn is a sandbox failure.
 *
 * This file is bundled into the harnesses, so it imports nothing heavier than node:.
 */

export const MESSAGE_FD = 3;

export type TensorDType = "float32" | "int32";
export interface TensorData {
  dtype: TensorDType;
  shape: number[];
  data: Float32Array | Int32Array;
}

/** What the describe harness looks for in the student's module. */
export interface ExportSpec {
  name: string;
  kind: "function" | "number" | "object";
  required: boolean;
}

export type SandboxRole = "describe" | "train";

// ---------------------------------------------------------------- describe sandbox

export interface DescribeJobFrame {
  type: "job";
  nonce: string;
  seed: number;
  /** The compiled CommonJS module, with its source map kept in the parent. */
  code: string;
  exports: ExportSpec[];
}

export interface ProbeRequest {
  id: string;
  fn: string;
  args: unknown[];
}

export interface BuildRequest {
  id: string;
  fn: string;
  args: unknown[];
}

/**
 * The student's own data preparation, called on the public training data: its output,
 * validated by the parent, is what their model trains on. An argument may be a list of
 * integer sequences carried in the frame's payload (IMDb's 25,000 reviews), named by
 * `sequencesArg`: tensors `<id>.tokens` and `<id>.offsets` (n + 1 of them).
 */
export interface PrepareRequest {
  id: string;
  fn: string;
  args: unknown[];
  /** `windows`: `{ inputs: number[][], targets: number[] }`; `rows`: `number[][]`. */
  output: "windows" | "rows";
  sequencesArg?: number;
}

/** Prepared data travels back in chunks of at most this many bytes (before base64). */
export const PREPARED_CHUNK_BYTES = 3 * 1024 * 1024;
/** The most numbers a prepared output may hold (inputs and targets together). */
export const PREPARED_MAX_VALUES = 13_000_000;

export interface DescribePlanFrame {
  type: "plan";
  probes: ProbeRequest[];
  prepare: PrepareRequest[];
  builds: BuildRequest[];
  /** The payload's table of contents (sequences for a PrepareRequest). */
  tensors: Record<string, { dtype: TensorDType; shape: number[]; offset: number; length: number }>;
}

/** A loss or metric as the student gave it: by name, or a function (which the grader refuses). */
export type NamedOrFunction = { name: string } | { function: string };

export interface CompileSettings {
  optimizer: { className: string; config: unknown } | null;
  loss: NamedOrFunction[] | null;
  metrics: NamedOrFunction[] | null;
}

// ---------------------------------------------------------------- train sandbox

export interface TrainModelPlan {
  id: string;
  /** The validated topology, as tfjs's `modelFromJSON` takes it. */
  topology: unknown;
  /** The student's settings (validated), or null: the task's defaults then apply. */
  compile: { optimizer: { className: string; config: Record<string, number | boolean | null> }; loss: string; metrics: string[] } | null;
  defaults: { loss: "meanSquaredError" | "binaryCrossentropy"; metrics: string[]; learningRate: number };
  /** Class names whose layers the harness ablates after training (LSTM, SimpleRNN...). */
  ablate: string[];
  /** How many test rows the ablation predicts (the first ones). */
  ablationRows: number;
  epochs: number;
  batchSize: number;
  validationSplit: number;
  trainX: string;
  trainY: string;
  testX: string;
  /** A public series for the chart: not scored, its targets may be shown. */
  chartX: string | null;
}

/** Sent at once: the train sandbox boots TensorFlow.js while the describe sandbox runs. */
export interface TrainInitFrame {
  type: "init";
  nonce: string;
  seed: number;
  backend: "auto" | "tensorflow" | "wasm" | "cpu";
  /** Route recurrent layers through the fused kernels where the addon loads. */
  fusedRecurrent: boolean;
  /** Train the models the native loop covers there (grader/recurrent/native-fit.ts). */
  nativeFit: boolean;
}

export interface TrainJobFrame {
  type: "job";
  models: TrainModelPlan[];
  /** Names of the tensors in the payload, with their place in it. */
  tensors: Record<string, { dtype: TensorDType; shape: number[]; offset: number; length: number }>;
}

/** The parent's verdict on a rebuilt model, before it trains: go on, or skip it. */
export interface TrainGoFrame {
  type: "go";
  id: string;
  train: boolean;
}

export type ParentFrame = DescribeJobFrame | DescribePlanFrame | TrainInitFrame | TrainJobFrame | TrainGoFrame;

export interface ErrorInfo {
  name: string;
  message: string;
  stack: string;
}

import type { OptimizerUse } from "../recurrent/fused-adam";
import type { RecurrentLayerUse } from "../recurrent/fused-layers";
import type { TrainingLoopUse } from "../recurrent/native-fit";

export type { OptimizerUse, RecurrentLayerUse };

/** Bounds of what crosses the wire (the harness trims to them, the parent checks them). */
export const RECURRENT_REPORT_LIMITS = { layers: 100, name: 200, reason: 500 } as const;
export const DESCRIPTION_LIMITS = { topologyChars: 1_000_000, optimizerKeys: 20, lossEntries: 10 } as const;

export interface RebuiltModelReport {
  /** Class names of every layer, wrappers, cells and nested models included. */
  layers: string[];
  inputShape: (number | null)[];
  outputShape: (number | null)[];
  inputCount: number;
  outputCount: number;
  params: number;
  optimizer: string;
  loss: string;
  compiledByStudent: boolean;
  /** The outermost layers holding each ablated class, by name (what the ablation zeroes). */
  ablationUnits: { name: string; className: string }[];
}

export type DescribeMessage =
  | { type: "phase"; name: string }
  | { type: "ready"; tfjsVersion: string }
  | {
      type: "exports";
      found: Record<string, string>;
      /** Numeric exports; Infinity and NaN as their names (JSON has no word for them). */
      constants: Record<string, number | string>;
      training: { epochs?: unknown; batchSize?: unknown } | null;
    }
  | { type: "probe"; id: string; ok: true; value: unknown }
  | { type: "probe"; id: string; ok: false; error: ErrorInfo }
  | { type: "description"; id: string; topology: string; compile: CompileSettings | null }
  /**
   * What a PrepareRequest's function returned, as a float32 table: `inputs` (shape `xShape`)
   * then `targets` (`yLength` values, for `windows`), in `chunks` chunk messages that follow.
   * `problem` says why the value is not a table (ragged rows, not an array); no chunks then.
   */
  | { type: "prepared"; id: string; xShape: number[]; yLength: number | null; chunks: number; problem: string | null }
  | { type: "chunk"; id: string; index: number; data: string }
  | { type: "failure"; kind: "exception" | "memory" | "export" | "internal"; phase: string; model?: string; error: ErrorInfo }
  | { type: "done" };

export type TrainMessage =
  | { type: "phase"; name: string }
  | {
      type: "ready";
      backend: string;
      tfjsVersion: string;
      fastKernels: string[];
      recurrentKernels: { available: boolean; library: string | null; reason: string | null };
    }
  | { type: "model"; id: string; report: RebuiltModelReport }
  | { type: "epoch"; model: string; epoch: number; logs: Record<string, number>; ms: number }
  | { type: "predictions"; model: string; values: number[] }
  | { type: "chart"; model: string; values: number[] }
  /** The unchanged model on the ablation rows, in the ablations' single batch. */
  | { type: "reference"; model: string; values: number[] }
  /** The model's predictions on those rows with the layer's outputs swapped between examples. */
  | { type: "ablation"; model: string; layer: string; values: number[] }
  /** How far the layer's own output moved when it read its input backwards (RMS change / RMS spread). */
  | { type: "order"; model: string; layer: string; change: number }
  /**
   * `optimizer`: how its updates ran (Adam natively or tfjs's own, and why); `trainingLoop`: the
   * grader's native loop or tfjs's fit (and why); both null when it did not train.
   */
  | { type: "recurrent"; model: string; layers: RecurrentLayerUse[]; optimizer: OptimizerUse | null; trainingLoop: TrainingLoopUse | null }
  | { type: "failure"; kind: "contract" | "exception" | "memory" | "internal"; phase: string; model?: string; error: ErrorInfo }
  | { type: "done" };

/** Encode one frame: u32 header length, header JSON, u32 payload length, payload. */
export function encodeFrame(header: object, payload: Uint8Array = new Uint8Array(0)): Buffer {
  const head = Buffer.from(JSON.stringify(header), "utf8");
  const out = Buffer.alloc(8 + head.length + payload.length);
  out.writeUInt32LE(head.length, 0);
  head.copy(out, 4);
  out.writeUInt32LE(payload.length, 4 + head.length);
  Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).copy(out, 8 + head.length);
  return out;
}

/**
 * Incremental decoder for frames arriving in arbitrary chunks. Chunks are only joined
 * once a whole frame is there, so a large payload costs one copy, not one per chunk.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private size = 0;

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.size = all.length - n;
    return all.subarray(0, n);
  }

  /** The first n bytes; joins chunks only when the first one is too short to hold them. */
  private peek(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0].subarray(0, n);
  }

  push(chunk: Buffer): { header: ParentFrame; payload: Buffer }[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const frames: { header: ParentFrame; payload: Buffer }[] = [];
    for (;;) {
      if (this.size < 4) break;
      const headLen = this.peek(4).readUInt32LE(0);
      if (this.size < 8 + headLen) break;
      const payloadLen = this.peek(8 + headLen).readUInt32LE(4 + headLen);
      const total = 8 + headLen + payloadLen;
      if (this.size < total) break;
      const frame = this.take(total);
      const header = JSON.parse(frame.subarray(4, 4 + headLen).toString("utf8")) as ParentFrame;
      frames.push({ header, payload: Buffer.from(frame.subarray(8 + headLen)) });
    }
    return frames;
  }
}

/** Pack named tensors into one payload and its table of contents. */
export function packTensors(tensors: Record<string, TensorData>): { table: TrainJobFrame["tensors"]; payload: Uint8Array } {
  let total = 0;
  for (const t of Object.values(tensors)) total += t.data.byteLength;
  const payload = new Uint8Array(total);
  const table: TrainJobFrame["tensors"] = {};
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    payload.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), offset);
    table[name] = { dtype: t.dtype, shape: t.shape, offset, length: t.data.length };
    offset += t.data.byteLength;
  }
  return { table, payload };
}

export function unpackTensor(payload: Buffer, entry: TrainJobFrame["tensors"][string]): TensorData {
  // Copy to an aligned buffer: a typed array view needs an offset that is a multiple of 4.
  const bytes = new Uint8Array(entry.length * 4);
  bytes.set(payload.subarray(entry.offset, entry.offset + entry.length * 4));
  const data = entry.dtype === "int32" ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
  return { dtype: entry.dtype, shape: entry.shape, data };
}
