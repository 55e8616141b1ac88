/**
 * Builds the harness into one CommonJS file, beside TensorFlow.js's wasm binaries and the
 * fused recurrent kernels (when they built), in a folder of its own: that folder is all the
 * sandbox can read of the grader. Built once per content (the folder is named by a hash of
 * the output and the addon), so a stale build cannot run.
 */
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { NODE_MODULES, REPO_ROOT } from "../paths";
import { ADDON_FILENAME, builtAddonPath } from "../recurrent/native-kernels";

const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];
let built: Promise<string> | null = null;

export function harnessDir(cacheDir: string): Promise<string> {
  built ??= build(cacheDir).catch((err) => {
    built = null;
    throw err;
  });
  return built;
}

async function build(cacheDir: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, "..", "harness", "main.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    minify: false,
    legalComments: "none",
    // A native addon, present only where it installed: resolved at run time.
    external: ["@tensorflow/tfjs-node"],
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  // The fused recurrent kernels travel with the harness where they built (native/rnn).
  const addonFile = builtAddonPath(REPO_ROOT);
  const addon = fs.existsSync(addonFile) ? fs.readFileSync(addonFile) : null;
  const hash = createHash("sha256").update(code).update(addon ?? "no addon").digest("hex").slice(0, 16);
  const dir = path.join(cacheDir, "harness", hash);
  if (!fs.existsSync(path.join(dir, "harness.cjs"))) {
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, "harness.cjs"), code);
    const wasmDir = path.join(NODE_MODULES, "@tensorflow", "tfjs-backend-wasm", "dist");
    for (const f of WASM_FILES) fs.copyFileSync(path.join(wasmDir, f), path.join(tmp, f));
    if (addon) fs.writeFileSync(path.join(tmp, ADDON_FILENAME), addon);
    try {
      fs.renameSync(tmp, dir);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race
    }
  }
  return dir;
}
