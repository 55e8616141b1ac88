/**
 * The wire between the trusted grader and the sandboxed harness.
 *
 * Parent -> child: length-prefixed frames on stdin, each a JSON header plus a binary
 * payload (training and test inputs travel as raw typed arrays, never as JSON).
 * Child -> parent: newline-delimited JSON on fd 3, every line prefixed with a nonce the
 * harness read before any student code ran. A line without it was written by the
 * submission itself: forged output, which the parent treats as a sandbox violation.
 *
 * This file is bundled into the harness, so it imports nothing heavier than node:.
 */

export const MESSAGE_FD = 3;

export type TensorDType = "float32" | "int32";
export interface TensorData {
  dtype: TensorDType;
  shape: number[];
  data: Float32Array | Int32Array;
}

/** What the harness looks for in the student's module. */
export interface ExportSpec {
  name: string;
  kind: "function" | "number" | "object";
  required: boolean;
}

export interface JobFrame {
  type: "job";
  nonce: string;
  seed: number;
  /** The compiled CommonJS module, with its source map kept in the parent. */
  code: string;
  exports: ExportSpec[];
  backend: "auto" | "tensorflow" | "wasm" | "cpu";
  /** Route recurrent layers through the fused kernels where the addon loads. */
  fusedRecurrent: boolean;
}

export interface ProbeRequest {
  id: string;
  fn: string;
  args: unknown[];
}

export interface ModelPlan {
  id: string;
  build: { fn: string; args: unknown[] };
  /** Expected shapes without the batch dimension. */
  inputShape: number[];
  outputShape: number[];
  /** Used only when the student did not compile the model. */
  loss: "meanSquaredError" | "binaryCrossentropy";
  metrics: string[];
  learningRate: number;
  epochs: number;
  batchSize: number;
  validationSplit: number;
  trainX: string;
  trainY: string;
  testX: string;
}

export interface PlanFrame {
  type: "plan";
  probes: ProbeRequest[];
  models: ModelPlan[];
  /** Names of the tensors in the payload, with their place in it. */
  tensors: Record<string, { dtype: TensorDType; shape: number[]; offset: number; length: number }>;
}

export type ParentFrame = JobFrame | PlanFrame;

export interface ErrorInfo {
  name: string;
  message: string;
  stack: string;
}

import type { RecurrentLayerUse } from "../recurrent/fused-layers";

export type { RecurrentLayerUse };

/** Bounds of the per-layer recurrent report (the harness trims to them, the parent checks them). */
export const RECURRENT_REPORT_LIMITS = { layers: 100, name: 200, reason: 500 } as const;

export type ChildMessage =
  | { type: "phase"; name: string }
  | {
      type: "ready";
      backend: string;
      tfjsVersion: string;
      fastKernels: string[];
      recurrentKernels: { available: boolean; library: string | null; reason: string | null };
    }
  | { type: "recurrent"; model: string; layers: RecurrentLayerUse[] }
  | {
      type: "exports";
      found: Record<string, string>;
      constants: Record<string, number>;
      training: { epochs?: unknown; batchSize?: unknown } | null;
    }
  | { type: "probe"; id: string; ok: true; value: unknown }
  | { type: "probe"; id: string; ok: false; error: ErrorInfo }
  | {
      type: "model";
      id: string;
      report: {
        layers: string[];
        inputShape: (number | null)[];
        outputShape: (number | null)[];
        inputCount: number;
        outputCount: number;
        params: number;
        compiledByStudent: boolean;
        optimizer: string | null;
        loss: string | null;
      };
    }
  | { type: "epoch"; model: string; epoch: number; logs: Record<string, number>; ms: number }
  | { type: "predictions"; model: string; values: number[] }
  | { type: "failure"; kind: "exception" | "shape" | "memory" | "export" | "internal"; phase: string; model?: string; error: ErrorInfo }
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
export function packTensors(tensors: Record<string, TensorData>): { table: PlanFrame["tensors"]; payload: Uint8Array } {
  let total = 0;
  for (const t of Object.values(tensors)) total += t.data.byteLength;
  const payload = new Uint8Array(total);
  const table: PlanFrame["tensors"] = {};
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    payload.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), offset);
    table[name] = { dtype: t.dtype, shape: t.shape, offset, length: t.data.length };
    offset += t.data.byteLength;
  }
  return { table, payload };
}

export function unpackTensor(payload: Buffer, entry: PlanFrame["tensors"][string]): TensorData {
  // Copy to an aligned buffer: a typed array view needs an offset that is a multiple of 4.
  const bytes = new Uint8Array(entry.length * 4);
  bytes.set(payload.subarray(entry.offset, entry.offset + entry.length * 4));
  const data = entry.dtype === "int32" ? new Int32Array(bytes.buffer) : new Float32Array(bytes.buffer);
  return { dtype: entry.dtype, shape: entry.shape, data };
}
