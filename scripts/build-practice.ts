/**
 * Builds what the browser practice run needs into .cache/practice/<hash>/, and points
 * .cache/practice/current.json at it (server/practice/assets.ts serves the files):
 *  - worker.js: grader/practice/worker.ts with TensorFlow.js, TypeScript and every
 *    exercises/<slug>/practice.ts, bundled for the browser (nothing loads from the internet);
 *  - declarations.json: the TypeScript lib files and TensorFlow.js declarations the grader's
 *    type checker reads, recorded by running that checker here;
 *  - the tfjs-backend-wasm binaries.
 * Run by scripts/build-if-changed.sh before the web build; `--if-missing` skips the build
 * when current.json names a complete build of these exact sources.
 */
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { builtinModules } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { createTypeChecker } from "../grader/compile/typecheck-core";
import { diskDeclarationFiles } from "../grader/compile/typecheck";
import { ALLOWED_IMPORTS } from "../grader/compile/imports";
import { VIRTUAL_ROOT, type DeclarationBundle } from "../grader/practice/declaration-bundle";
import { EXERCISES_DIR, NODE_MODULES, REPO_ROOT } from "../grader/paths";
import { PRACTICE_DIR, PRACTICE_MANIFEST, type PracticeManifest } from "../server/practice/manifest";

const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm"];

function collectDeclarations(): DeclarationBundle {
  const read = new Set<string>();
  const checker = createTypeChecker(diskDeclarationFiles((f) => read.add(f)));
  // Every module a submission may import, so the bundle resolves each of them.
  const probe = ALLOWED_IMPORTS.map((m, i) => `import * as m${i} from "${m}";\nexport const v${i} = m${i};`).join("\n");
  const errors = checker(probe);
  if (errors.length) throw new Error(`the declaration probe does not type-check: ${errors[0].message}`);
  const libDir = path.dirname(ts.getDefaultLibFilePath({}));
  for (const f of fs.readdirSync(libDir)) if (/^lib\..*\.d\.ts$/.test(f)) read.add(path.join(libDir, f));
  const virtual = (file: string) => {
    const rel = path.relative(REPO_ROOT, file);
    if (rel.startsWith("..")) throw new Error(`declaration file outside the repository: ${file}`);
    return `${VIRTUAL_ROOT}/${rel.split(path.sep).join("/")}`;
  };
  const files: Record<string, string> = {};
  for (const f of [...read].sort()) files[virtual(f)] = fs.readFileSync(f, "utf8");
  return { root: VIRTUAL_ROOT, libDir: virtual(libDir), files };
}

/** Node's own modules resolve to one that throws when used: code paths the browser never takes. */
const nodeStubs: esbuild.Plugin = {
  name: "node-stubs",
  setup(build) {
    const names = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    build.onResolve({ filter: /.*/ }, (args) => (names.has(args.path) ? { path: args.path, namespace: "node-stub" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "node-stub" }, (args) => ({
      contents: `module.exports = new Proxy({}, { get(_, key) { if (key === "__esModule") return false; throw new Error(${JSON.stringify(`${args.path} is not available in the browser`)} + " (" + String(key) + ")"); } });`,
      loader: "js",
    }));
  },
};

/** `treino:practice-tasks`: every exercise folder with a practice.ts, by slug. */
const practiceTasks: esbuild.Plugin = {
  name: "practice-tasks",
  setup(build) {
    build.onResolve({ filter: /^treino:practice-tasks$/ }, () => ({ path: "practice-tasks", namespace: "treino" }));
    build.onLoad({ filter: /.*/, namespace: "treino" }, () => {
      const slugs = fs.readdirSync(EXERCISES_DIR).filter((s) => fs.existsSync(path.join(EXERCISES_DIR, s, "practice.ts"))).sort();
      const imports = slugs.map((s, i) => `import { practice as p${i} } from ${JSON.stringify(path.join(EXERCISES_DIR, s, "practice.ts"))};`);
      return { contents: `${imports.join("\n")}\nexport const practiceTasks = { ${slugs.map((s, i) => `${JSON.stringify(s)}: p${i}`).join(", ")} };\n`, loader: "ts", resolveDir: REPO_ROOT };
    });
  },
};

export async function bundleWorker(): Promise<Uint8Array> {
  const result = await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, "grader", "practice", "worker.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    minify: true,
    write: false,
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"', global: "self" },
    plugins: [nodeStubs, practiceTasks],
    logLevel: "silent",
  });
  return result.outputFiles[0].contents;
}

export async function buildPractice(): Promise<PracticeManifest> {
  const started = Date.now();
  const worker = await bundleWorker();
  const declarations = new TextEncoder().encode(JSON.stringify(collectDeclarations()));
  const wasmDir = path.join(NODE_MODULES, "@tensorflow", "tfjs-backend-wasm", "dist");
  const contents: Record<string, Uint8Array> = { "worker.js": worker, "declarations.json": declarations };
  for (const f of WASM_FILES) contents[f] = fs.readFileSync(path.join(wasmDir, f));
  const hasher = createHash("sha256");
  for (const [name, bytes] of Object.entries(contents)) hasher.update(name).update(bytes);
  const hash = hasher.digest("hex").slice(0, 16);
  const dir = path.join(PRACTICE_DIR, hash);
  if (!fs.existsSync(path.join(dir, "worker.js"))) {
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.mkdirSync(tmp, { recursive: true });
    for (const [name, bytes] of Object.entries(contents)) fs.writeFileSync(path.join(tmp, name), bytes);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  }
  const manifest: PracticeManifest = {
    hash,
    files: Object.fromEntries(Object.entries(contents).map(([name, bytes]) => [name, { bytes: bytes.byteLength }])),
    tasks: fs.readdirSync(EXERCISES_DIR).filter((s) => fs.existsSync(path.join(EXERCISES_DIR, s, "practice.ts"))).sort(),
  };
  fs.writeFileSync(`${PRACTICE_MANIFEST}.tmp`, JSON.stringify(manifest, null, 2));
  fs.renameSync(`${PRACTICE_MANIFEST}.tmp`, PRACTICE_MANIFEST);
  // Older builds are of no use to anyone: keep only this one.
  for (const old of fs.readdirSync(PRACTICE_DIR)) {
    if (old !== hash && old !== path.basename(PRACTICE_MANIFEST)) fs.rmSync(path.join(PRACTICE_DIR, old), { recursive: true, force: true });
  }
  const mb = (n: number) => (n / 1e6).toFixed(1);
  console.log(`treino: practice bundle ${hash} built in ${((Date.now() - started) / 1000).toFixed(1)} s (worker ${mb(worker.byteLength)} MB, declarations ${mb(declarations.byteLength)} MB)`);
  return manifest;
}

if (require.main === module) {
  buildPractice().catch((err) => {
    console.error(`treino: the practice bundle did not build: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
