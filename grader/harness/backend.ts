/**
 * Picks the fastest TensorFlow.js backend that works here: native TensorFlow through
 * tfjs-node where it installed, else WebAssembly with SIMD, else plain JavaScript.
 * On WebAssembly the kernels it lacks (convolution gradients among them) are borrowed
 * from the cpu backend (kernel-fallback.ts), so every layer trains on whichever is picked,
 * and a convolution's gradients run as matrix products (conv-gradients.ts).
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as path from "node:path";
import { registerFastConvGradients } from "./conv-gradients";
import { registerFastKernels } from "./fast-kernels";
import { registerCpuFallbacks } from "./kernel-fallback";

export type BackendPreference = "auto" | "tensorflow" | "wasm" | "cpu";

function tryTfjsNode(): boolean {
  try {
    // Kept out of the bundle: it is a native addon that may not be installed.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("@tensorflow/tfjs-node");
    return tf.findBackend("tensorflow") != null;
  } catch {
    return false;
  }
}

export interface SelectedBackend {
  backend: string;
  fastKernels: string[];
  /** Kernels the backend lacked, registered from the cpu backend's (kernel-fallback.ts). */
  cpuFallbacks: string[];
  /** The backend's own convolution gradients replaced by faster ones (conv-gradients.ts). */
  convGradients: string[];
}

export async function selectBackend(preference: BackendPreference, harnessDir: string): Promise<SelectedBackend> {
  const order: string[] =
    preference === "auto" ? ["tensorflow", "wasm", "cpu"] : [preference];
  for (const name of order) {
    if (name === "tensorflow" && !tryTfjsNode()) continue;
    if (name === "wasm") setWasmPaths(harnessDir + path.sep);
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        // Fast kernels first: UnsortedSegmentSum is wasm's own then, not a cpu fallback.
        const fastKernels = registerFastKernels(name);
        const cpuFallbacks = registerCpuFallbacks(name);
        return { backend: name, fastKernels, cpuFallbacks, convGradients: registerFastConvGradients(name) };
      }
    } catch {
      // try the next one
    }
  }
  throw new Error(`no TensorFlow.js backend could start (tried ${order.join(", ")})`);
}
