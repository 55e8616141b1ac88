/**
 * Which isolation layers this host can provide, found without the grader's own code (a test
 * that asked isolation.ts would only check it against itself). A grading's
 * `environment.isolation` must list every one of them; each one missing here is said out loud.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

export interface HostLayers {
  layers: string[];
  missing: { layer: string; why: string }[];
}

function runs(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export function hostLayers(): HostLayers {
  const layers = ["node-permission", "clean-env", "timeout"];
  const missing: HostLayers["missing"] = [];
  const need = (layer: string, ok: boolean, why: string) => (ok ? layers.push(layer) : missing.push({ layer, why }));

  const bwrap = runs("bwrap", ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"]);
  need("bubblewrap", bwrap, "bwrap is missing or cannot create namespaces (unprivileged user namespaces off?)");
  need("seccomp", bwrap && ["x64", "arm64"].includes(process.arch), `no bubblewrap, or no syscall table for ${process.arch}`);
  need("prlimit", runs("prlimit", ["--version"]), "util-linux's prlimit is not installed");

  const v2 = fs.existsSync("/sys/fs/cgroup/cgroup.controllers");
  const controllers = v2 ? fs.readFileSync("/sys/fs/cgroup/cgroup.controllers", "utf8").split(/\s+/) : [];
  const cgroupOk = v2
    ? ["memory", "pids", "cpu"].every((c) => controllers.includes(c)) && writable(process.env.TREINO_CGROUP_ROOT ?? "/sys/fs/cgroup")
    : ["memory", "pids", "cpu"].every((c) => writable(`/sys/fs/cgroup/${c}`));
  need(`cgroup-v${v2 ? 2 : 1}`, cgroupOk, v2 ? "cgroup v2 without a writable subtree delegating memory, pids and cpu" : "cgroup v1 hierarchies not writable (not root?)");

  for (const m of missing) {
    console.warn(`\n!!! THIS HOST LACKS THE SANDBOX LAYER '${m.layer}': ${m.why}. Tests that need it are skipped and say so.\n`);
  }
  return { layers, missing };
}
