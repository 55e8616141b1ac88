/**
 * Routes the student's recurrent layers, and Adam's updates, through the fused kernels (grader/recurrent), from
 * the addon the bundler put beside the harness. Once it is loaded, native addons are closed
 * to the student's code: the Node permission model had to allow them for this one.
 */
import * as path from "node:path";
import { FusedAdam } from "../recurrent/fused-adam";
import { FusedRecurrentLayers } from "../recurrent/fused-layers";
import { NativeTrainer } from "../recurrent/native-fit";
import { ADDON_FILENAME, loadKernels } from "../recurrent/native-kernels";
import { RECURRENT_REPORT_LIMITS } from "../sandbox/protocol";

export interface RecurrentSetup {
  layers: FusedRecurrentLayers;
  /** tfjs's Adam updating each weight in one native pass (grader/recurrent/fused-adam.ts). */
  adam: FusedAdam;
  /** The grader's own training loop for the models it covers whole; null when turned off (TREINO_NATIVE_FIT=0). */
  native: NativeTrainer | null;
  kernels: { available: boolean; library: string | null; reason: string | null };
}

export function setUpRecurrentKernels(harnessDir: string, wanted: boolean, nativeFit = true): RecurrentSetup {
  const status = wanted ? loadKernels(path.join(harnessDir, ADDON_FILENAME)) : ({ available: false, reason: "turned off (TREINO_FUSED_RNN=0)" } as const);
  closeNativeAddons();
  const layers = new FusedRecurrentLayers(status);
  const installed = layers.install();
  // Before any model (hence any optimizer) is rebuilt here; off with the kernels (TREINO_FUSED_RNN=0).
  const adam = new FusedAdam(status);
  adam.install();
  const kernels = status.available && installed
    ? { available: true, library: status.library, reason: null }
    : { available: false, library: null, reason: (status.available ? "tfjs RNN class not found" : status.reason).slice(0, RECURRENT_REPORT_LIMITS.reason) };
  return { layers, adam, native: nativeFit ? new NativeTrainer(status) : null, kernels };
}

/** After our addon is in, nothing else may be loaded: `process.dlopen` and `.node` requires go. */
function closeNativeAddons(): void {
  const deny = () => {
    throw new Error("loading native code is not allowed in a submission");
  };
  Object.defineProperty(process, "dlopen", { value: deny, writable: false, configurable: false });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require("node:module") as { _extensions: Record<string, unknown> };
  Module._extensions[".node"] = deny;
}
