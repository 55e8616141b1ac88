/**
 * Picks the fastest TensorFlow.js backend that works here: native TensorFlow through
 * tfjs-node where it installed, else WebAssembly with SIMD, else plain JavaScript.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import * as path from "node:path";
import { registerFastKernels } from "./fast-kernels";

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

export async function selectBackend(preference: BackendPreference, harnessDir: string): Promise<{ backend: string; fastKernels: string[] }> {
  const order: string[] =
    preference === "auto" ? ["tensorflow", "wasm", "cpu"] : [preference];
  for (const name of order) {
    if (name === "tensorflow" && !tryTfjsNode()) continue;
    if (name === "wasm") setWasmPaths(harnessDir + path.sep);
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { backend: name, fastKernels: registerFastKernels(name) };
      }
    } catch {
      // try the next one
    }
  }
  throw new Error(`no TensorFlow.js backend could start (tried ${order.join(", ")})`);
}
