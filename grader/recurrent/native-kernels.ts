/**
 * The fused recurrent kernels: a Node addon built at install from native/rnn (C, no library
 * beyond libc: its own matrix products, AVX2 where the CPU has it). Optional by design: where
 * it did not build, recurrent layers train with stock TensorFlow.js and the grading result says why.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { AdamKernel } from "./fused-adam";

/** What the addon exports (native/rnn/src/addon.c). All arrays are owned by JavaScript. */
export interface RnnKernels {
  /** The products' path on this CPU, "avx2" or "scalar" (builds before them: the BLAS linked). */
  library: string;
  forward(
    meta: Int32Array, x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, bias: Float32Array | null,
    recurrentMask: Float32Array | null, mask: Float32Array | null, output: Float32Array, gates: Float32Array, hprev: Float32Array,
    cellStates: Float32Array | null, resetHidden: Float32Array | null,
  ): void;
  backward(
    meta: Int32Array, x: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, recurrentMask: Float32Array | null,
    mask: Float32Array | null, dy: Float32Array, gates: Float32Array, hprev: Float32Array, cellStates: Float32Array | null, resetHidden: Float32Array | null,
    dz: Float32Array, dx: Float32Array, dKernel: Float32Array, dRecurrentKernel: Float32Array, dBias: Float32Array | null,
  ): void;
  /** forward for a layer whose input is an Embedding's rows, given as ids into table (native/rnn/src/kernels.h); absent from builds before it. */
  forwardEmbedded?(
    meta: Int32Array, ids: Float32Array, table: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, bias: Float32Array | null,
    recurrentMask: Float32Array | null, mask: Float32Array | null, output: Float32Array, gates: Float32Array, hprev: Float32Array,
    cellStates: Float32Array | null, resetHidden: Float32Array | null,
  ): void;
  /**
   * backward for a layer whose input is an Embedding's rows (ids into table, as embeddingGather
   * gave them): the same weight gradients, and the table's whole gradient in place of dx, from
   * the dz rows summed per distinct id (native/rnn/src/kernels.h); absent from builds before it.
   */
  backwardEmbedded?(
    meta: Int32Array, ids: Float32Array, table: Float32Array, kernel: Float32Array, recurrentKernel: Float32Array, recurrentMask: Float32Array | null,
    mask: Float32Array | null, dy: Float32Array, gates: Float32Array, hprev: Float32Array, cellStates: Float32Array | null, resetHidden: Float32Array | null,
    dz: Float32Array, dTable: Float32Array, dKernel: Float32Array, dRecurrentKernel: Float32Array, dBias: Float32Array | null,
  ): void;
  /** One Adam step over one weight array (grader/recurrent/fused-adam.ts); absent from builds before it. */
  adam?: AdamKernel;
  /** An Embedding's rows for the ids, and its table's gradient (grader/recurrent/native-fit.ts); absent from builds before them. */
  embeddingGather?(table: Float32Array, dim: number, ids: Float32Array, out: Float32Array): void;
  embeddingGradient?(grad: Float32Array, dim: number, ids: Float32Array, dOut: Float32Array): void;
  /** "avx2" or "scalar": the path each time step's product takes on this CPU (native/rnn/src/microkernel.c). */
  stepProductPath?: string;
  /** "avx2" or "scalar": the path adam takes on this CPU. */
  adamPath?: string;
}

export const ADDON_FILENAME = "treino_rnn.node";

export type KernelStatus = { available: true; library: string; kernels: RnnKernels } | { available: false; reason: string };

/** The addon as node-gyp left it in the repository (tests, benchmarks, the harness bundler). */
export function builtAddonPath(repoRoot: string): string {
  return path.join(repoRoot, "native", "rnn", "build", "Release", ADDON_FILENAME);
}

/** Why the build did not produce the addon, as native/rnn/build.mjs recorded it. */
export function buildFailureReason(repoRoot: string): string {
  try {
    const status = JSON.parse(fs.readFileSync(path.join(repoRoot, "native", "rnn", "build", "status.json"), "utf8")) as { error?: string };
    if (status.error) return status.error.split("\n")[0];
  } catch {
    // never built
  }
  return "not built (run `npm run build:native`)";
}

export function loadKernels(file: string): KernelStatus {
  if (!fs.existsSync(file)) return { available: false, reason: `${path.basename(file)} not found` };
  try {
    // A native addon cannot be bundled: required from disk at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const kernels = require(file) as RnnKernels;
    // Out of the module cache: in the sandbox, student code must not `require` it back.
    delete require.cache[file];
    if (typeof kernels.forward !== "function" || typeof kernels.backward !== "function") {
      return { available: false, reason: "addon has no forward/backward" };
    }
    return { available: true, library: kernels.library, kernels };
  } catch (err) {
    return { available: false, reason: `addon failed to load: ${(err as Error).message.split("\n")[0]}` };
  }
}
