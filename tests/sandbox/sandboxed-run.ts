/**
 * Runs one small attack inside the grader's own launch (planProgram / planLaunch, the code
 * grading uses), with chosen layers switched off through the test-only switch, and reports
 * how it ended. Much faster than a grading: a C helper or a bare Node script, no TensorFlow.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planLaunch, planProgram, type Launch, type SandboxLimits } from "../../grader/sandbox/isolation";
import type { SwitchableLayer } from "../../grader/sandbox/layer-switch";

export const SMALL_LIMITS: SandboxLimits = { memoryBytes: 64 * 1024 ** 2, pids: 16, cpus: 1, cpuSeconds: 1 };

/** A harness folder holding the compiled C helper and the Node attacks (as describe.cjs). */
export function buildAttackDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-layer-matrix-"));
  fs.chmodSync(dir, 0o755);
  execFileSync("gcc", ["-O1", "-Wall", "-pthread", "-o", path.join(dir, "attack-helper"), path.join(import.meta.dirname, "attack-helper.c")], { stdio: "pipe" });
  fs.copyFileSync(path.join(import.meta.dirname, "node-attacks.cjs"), path.join(dir, "describe.cjs"));
  return dir;
}

/** Sets the test-only switch for the duration of `fn` (planning a launch reads it). */
export function withLayersOff<T>(off: SwitchableLayer[], fn: () => T): T {
  const saved = { harness: process.env.TREINO_TEST_HARNESS, disable: process.env.TREINO_TEST_DISABLE_LAYER };
  process.env.TREINO_TEST_HARNESS = "1";
  process.env.TREINO_TEST_DISABLE_LAYER = off.join(",");
  try {
    return fn();
  } finally {
    restore("TREINO_TEST_HARNESS", saved.harness);
    restore("TREINO_TEST_DISABLE_LAYER", saved.disable);
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  layers: string[];
  notices: string[];
  oomKilled: boolean;
  /** Did the test's own backstop have to kill it? */
  killedByTest: boolean;
  /** The lines starting with `key`, split on spaces (without the key). */
  facts(key: string): string[][];
}

let jobs = 0;

interface RunOptions {
  dir: string;
  off?: SwitchableLayer[];
  limits?: Partial<SandboxLimits>;
  /** The test's backstop: the child is killed after this long (a layer should act first). */
  backstopMs?: number;
}

/** The C helper: `attack-helper <mode> <args...>`. */
export function runHelper(opts: RunOptions & { args: string[] }): Promise<Ended> {
  const launch = withLayersOff(opts.off ?? [], () =>
    planProgram(
      { harnessDir: opts.dir, jobName: jobName(), limits: { ...SMALL_LIMITS, ...opts.limits }, allowUnsandboxed: false, nodeModulesDir: null },
      ({ harnessRoot }) => ({ argv: [path.join(harnessRoot, "attack-helper"), ...opts.args], layers: [] }),
    ),
  );
  return run(launch, "", opts.backstopMs ?? 20_000);
}

/** The Node attacks, launched exactly as the describe harness is (Node's permission model included). */
export function runNode(opts: RunOptions & { mode: string; arg?: string }): Promise<Ended> {
  const launch = withLayersOff(opts.off ?? [], () =>
    planLaunch({ harnessDir: opts.dir, entry: "describe", jobName: jobName(), limits: { ...SMALL_LIMITS, memoryBytes: 512 * 1024 ** 2, ...opts.limits }, allowUnsandboxed: false, nodeModulesDir: null }),
  );
  return run(launch, JSON.stringify({ mode: opts.mode, arg: opts.arg }) + "\n", opts.backstopMs ?? 20_000);
}

function jobName(): string {
  return `job-${process.pid}-matrix-${jobs++}`;
}

function run(launch: Launch, stdin: string, backstopMs: number): Promise<Ended> {
  const child = spawn(launch.command, launch.args, {
    env: launch.env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["pipe", "pipe", "pipe", "pipe", ...launch.extraFds],
  });
  let stdout = "";
  let stderr = "";
  let killedByTest = false;
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  child.stdin!.on("error", () => {});
  child.stdin!.end(stdin);
  const backstop = setTimeout(() => {
    killedByTest = true;
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }, backstopMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(backstop);
      launch.cgroup?.killAll();
      const oomKilled = launch.cgroup?.oomKilled() ?? false;
      launch.cleanup();
      resolve({
        code, signal, stdout, stderr, layers: launch.layers, notices: launch.notices, oomKilled, killedByTest,
        facts: (key) => stdout.split("\n").filter((l) => l.split(" ")[0] === key).map((l) => l.split(" ").slice(1)),
      });
    });
  });
}
