/**
 * Builds the two harnesses (describe.cjs: loads student code; train.cjs: never does) into
 * one CommonJS file each, beside TensorFlow.js's wasm binaries and the
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
    entryPoints: {
      describe: path.join(__dirname, "..", "harness", "describe", "main.ts"),
      train: path.join(__dirname, "..", "harness", "train", "main.ts"),
    },
    outdir: "/harness",
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
  const bundles = result.outputFiles.map((f) => ({ name: path.basename(f.path).replace(/\.js$/, ".cjs"), contents: f.contents }));
  // The fused recurrent kernels travel with the harness where they built (native/rnn).
  const addonFile = builtAddonPath(REPO_ROOT);
  const addon = fs.existsSync(addonFile) ? fs.readFileSync(addonFile) : null;
  const hasher = createHash("sha256");
  for (const b of bundles) hasher.update(b.name).update(b.contents);
  const hash = hasher.update(addon ?? "no addon").digest("hex").slice(0, 16);
  const dir = path.join(cacheDir, "harness", hash);
  if (!fs.existsSync(path.join(dir, "train.cjs"))) {
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.mkdirSync(tmp, { recursive: true });
    for (const b of bundles) fs.writeFileSync(path.join(tmp, b.name), b.contents);
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
