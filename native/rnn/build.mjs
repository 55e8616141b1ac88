// Builds the fused recurrent kernels (a Node addon) with node-gyp, offline, at install.
// Never fails the install: where it cannot build (no compiler, no Node headers), the grader
// trains recurrent layers with stock TensorFlow.js and says so. Writes build/status.json.
//   node native/rnn/build.mjs [--strict] [--if-changed]
//     --strict      exit 1 when the build fails (npm run build:native)
//     --if-changed  do nothing when the sources are those of the last good build (and the same Node)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const strict = process.argv.includes("--strict");
const ifChanged = process.argv.includes("--if-changed");
const statusFile = path.join(here, "build", "status.json");
const addonFile = path.join(here, "build", "Release", "treino_rnn.node");

/** What the build depends on: the C sources, binding.gyp and Node's version. */
function sourceHash() {
  const hash = createHash("sha256");
  for (const f of ["binding.gyp", ...fs.readdirSync(path.join(here, "src")).sort().map((f) => path.join("src", f))]) {
    hash.update(f).update(fs.readFileSync(path.join(here, f)));
  }
  hash.update(process.version);
  return hash.digest("hex").slice(0, 16);
}

function lastStatus() {
  try {
    return JSON.parse(fs.readFileSync(statusFile, "utf8"));
  } catch {
    return null;
  }
}

function nodeGypScript() {
  if (process.env.npm_config_node_gyp && fs.existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  // npm bundles node-gyp; find it beside the npm that ships with this Node.
  const candidates = [
    path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"),
  ];
  try {
    const npmCli = process.env.npm_execpath;
    if (npmCli) candidates.push(path.join(path.dirname(npmCli), "..", "node_modules", "node-gyp", "bin", "node-gyp.js"));
    candidates.push(createRequire(import.meta.url).resolve("node-gyp/bin/node-gyp.js"));
  } catch {
    // not installed as a package
  }
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

function nodeDir() {
  // Headers shipped with this Node (Debian's nodejs, NodeSource, official tarballs): no download.
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = path.resolve(path.dirname(process.execPath), "..");
  return fs.existsSync(path.join(prefix, "include", "node", "node_api.h")) ? prefix : null;
}

function writeStatus(status) {
  fs.mkdirSync(path.dirname(statusFile), { recursive: true });
  fs.writeFileSync(statusFile, JSON.stringify(status, null, 2) + "\n");
}

function main() {
  const gyp = nodeGypScript();
  const dir = nodeDir();
  if (!gyp) return { ok: false, error: "node-gyp not found (it ships with npm)" };
  if (!dir) return { ok: false, error: "Node's C headers not found (include/node/node_api.h beside node)" };
  const started = Date.now();
  const run = spawnSync(process.execPath, [gyp, "rebuild", `--nodedir=${dir}`, "--loglevel=warn"], {
    cwd: here,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, npm_config_offline: "true" },
  });
  if (run.status !== 0) {
    const tail = `${run.stderr ?? ""}${run.stdout ?? ""}`.trim().split("\n").slice(-15).join("\n");
    return { ok: false, error: `node-gyp failed (${run.error?.message ?? `exit ${run.status}`})\n${tail}` };
  }
  const require = createRequire(import.meta.url);
  const { library } = require(addonFile);
  return { ok: true, library, seconds: (Date.now() - started) / 1000 };
}

const hash = sourceHash();
const previous = lastStatus();
if (ifChanged && previous?.ok && previous.sourceHash === hash && fs.existsSync(addonFile)) process.exit(0);
const status = { ...main(), sourceHash: hash };
writeStatus(status);
if (status.ok) {
  console.log(`treino: fused recurrent kernels built (${status.library}) in ${status.seconds.toFixed(1)} s`);
} else {
  console.warn(`treino: fused recurrent kernels not built; recurrent layers will train with stock TensorFlow.js.\n${status.error}`);
  if (strict) process.exit(1);
}
