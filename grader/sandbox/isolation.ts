/**
 * Decides how the harness is launched: which isolation layers this host supports, and the
 * command line that stacks them. Each layer blocks what the others miss:
 *   cgroup      memory (typed arrays and wasm too), process count, CPU share
 *   prlimit     address space, CPU seconds, no file writes, no core dumps, few descriptors
 *   bubblewrap  no network, read-only minimal file system, uid nobody, own PID namespace
 *   seccomp     no sockets but unix, no fork, ptrace, mount, namespaces, bpf, io_uring
 *   node-permission  Node refuses file reads outside the harness folder, child processes, workers
 *   clean-env   no secrets inherited
 * The wall-clock timeout that kills the whole tree is the session's (run-sandbox.ts).
 * A test can leave layers out one at a time (layer-switch.ts) to prove each one alone;
 * production ignores that switch.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createJobCgroup, type JobCgroup } from "./cgroup";
import { disabledLayers, disabledNotices, type SwitchableLayer } from "./layer-switch";
import { buildSeccompFilter } from "./seccomp";

export interface SandboxLimits {
  memoryBytes: number;
  pids: number;
  cpus: number;
  cpuSeconds: number;
}

export interface Launch {
  command: string;
  args: string[];
  /** The child's whole environment (nothing of the grader's). */
  env: Record<string, string>;
  /** Descriptors handed to the child from fd 4 on (fd 3 is the message pipe). */
  extraFds: number[];
  /** The layers active for this launch (the session adds its timers). */
  layers: string[];
  /** Layers a test left out (grader/sandbox/layer-switch.ts); empty in production. */
  disabled: SwitchableLayer[];
  /** One loud line per layer left out, for the result's layer list. */
  notices: string[];
  cgroup: JobCgroup | null;
  cleanup(): void;
}

export class NoIsolationError extends Error {
  override name = "NoIsolationError";
}

const SANDBOX_DIR = "/sandbox";
/**
 * tfjs-node for the train sandbox, where Node's resolution finds it from /sandbox/train.cjs.
 * Not under /sandbox: that is a read-only bind, where bwrap cannot make a mount point.
 */
const SANDBOX_NODE_MODULES = "/node_modules";
const SECCOMP_FD = 4;
/** wasm reserves ~10 GiB of address space per memory for its guard regions. */
/** Seconds of CPU between SIGXCPU and the kernel's SIGKILL, for a process that ignores the first. */
const CPU_HARD_GRACE_SECONDS = 2;
export const ADDRESS_SPACE_BYTES = 24 * 1024 ** 3;

function which(cmd: string): string | null {
  for (const dir of (process.env.PATH ?? "/usr/bin:/bin").split(":")) {
    const file = path.join(dir, cmd);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // keep looking
    }
  }
  return null;
}

let bwrapWorks: boolean | null = null;
function bubblewrap(): string | null {
  const bin = which("bwrap");
  if (!bin) return null;
  if (bwrapWorks === null) {
    try {
      execFileSync(bin, ["--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true"], { stdio: "ignore", timeout: 10_000 });
      bwrapWorks = true;
    } catch {
      bwrapWorks = false; // e.g. unprivileged user namespaces disabled
    }
  }
  return bwrapWorks ? bin : null;
}

export interface ProgramOptions {
  /** The folder bound read-only at /sandbox (the harness, or a test's helper program). */
  harnessDir: string;
  jobName: string;
  limits: SandboxLimits;
  /** Development only: run even where the namespace sandbox is unavailable. */
  allowUnsandboxed: boolean;
  /** Mounted read-only when tfjs-node is installed, so the harness can load it. */
  nodeModulesDir: string | null;
}

export interface LaunchOptions extends ProgramOptions {
  /** Which harness runs: `describe` (student code, no native addons) or `train` (no student code). */
  entry: "describe" | "train";
}

/** What runs inside the layers: its command line, given where the harness folder is seen from inside. */
export interface InnerProgram {
  (where: { harnessRoot: string; sandboxed: boolean; disabled: ReadonlySet<SwitchableLayer> }): { argv: string[]; layers: string[] };
}

/** The grading harness: Node, with its permission model, reading only the harness folder. */
export function planLaunch(opts: LaunchOptions): Launch {
  return planProgram(opts, ({ harnessRoot, sandboxed, disabled }) => {
    const permission = !disabled.has("node-permission");
    const nodeArgs = [
      "--no-warnings",
      ...(permission
        ? [
            "--experimental-permission",
            `--allow-fs-read=${harnessRoot}/`,
            // The fused recurrent kernels are a native addon in the harness folder, loaded only by
            // the train harness, which runs no student code. The describe harness, which does, gets
            // no addons at all.
            ...(opts.entry === "train" ? ["--allow-addons"] : []),
            ...(opts.nodeModulesDir ? [`--allow-fs-read=${sandboxed ? SANDBOX_NODE_MODULES : opts.nodeModulesDir}/`] : []),
          ]
        : []),
      `--max-old-space-size=${Math.max(256, Math.floor((opts.limits.memoryBytes / 1024 ** 2) * 0.75))}`,
      "--stack-size=2048",
      path.join(harnessRoot, `${opts.entry}.cjs`),
    ];
    const node = sandboxed ? "/usr/bin/node" : fs.realpathSync(process.execPath);
    return { argv: [node, ...nodeArgs], layers: permission ? ["node-permission"] : [] };
  });
}

/**
 * Stacks every isolation layer this host supports around `inner`: the grading harness in
 * production, a small attack program in the layer tests (the same layers, built by the same
 * code, so what the tests prove is what grading gets).
 */
export function planProgram(opts: ProgramOptions, inner: InnerProgram): Launch {
  const disabled = disabledLayers();
  const layers: string[] = [];
  const extraFds: number[] = [];
  const bwrap = disabled.has("bubblewrap") ? null : bubblewrap();
  if (!bwrap && !opts.allowUnsandboxed && !disabled.has("bubblewrap")) {
    throw new NoIsolationError(
      "bubblewrap (bwrap) is not available or cannot create namespaces here, so submissions cannot be isolated. " +
        "Install it (apt-get install bubblewrap), or for local development only set TREINO_UNSAFE_NO_SANDBOX=1.",
    );
  }

  const nodeBin = fs.realpathSync(process.execPath);
  const program = inner({ harnessRoot: bwrap ? SANDBOX_DIR : opts.harnessDir, sandboxed: !!bwrap, disabled });
  layers.push(...program.layers);
  const cleanEnv = !disabled.has("clean-env");
  if (cleanEnv) layers.push("clean-env");

  let argv: string[];
  const cleanups: (() => void)[] = [];
  if (bwrap) {
    const bwrapArgs = [
      "--unshare-all",
      // Test only: keep the host's network, to prove seccomp alone refuses sockets.
      ...(disabled.has("network-namespace") ? ["--share-net"] : []),
      "--die-with-parent", "--new-session", "--clearenv",
      "--uid", "65534", "--gid", "65534", "--cap-drop", "ALL", "--hostname", "sandbox",
      "--ro-bind", nodeBin, "/usr/bin/node",
      "--ro-bind", "/usr/lib", "/usr/lib",
      "--ro-bind-try", "/lib", "/lib",
      "--ro-bind-try", "/lib64", "/lib64",
      "--ro-bind", opts.harnessDir, SANDBOX_DIR,
      ...(opts.nodeModulesDir ? ["--ro-bind", opts.nodeModulesDir, SANDBOX_NODE_MODULES] : []),
      "--proc", "/proc", "--dev", "/dev", "--chdir", SANDBOX_DIR,
    ];
    layers.push("bubblewrap");
    const filter = disabled.has("seccomp") ? null : buildSeccompFilter();
    if (filter) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "treino-seccomp-")), "filter.bpf");
      fs.writeFileSync(file, filter);
      extraFds.push(fs.openSync(file, "r"));
      cleanups.push(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
      bwrapArgs.push("--seccomp", String(SECCOMP_FD));
      layers.push("seccomp");
    }
    argv = [bwrap, ...bwrapArgs, ...program.argv];
  } else {
    argv = program.argv;
  }

  const prlimit = disabled.has("prlimit") ? null : which("prlimit");
  if (prlimit) {
    argv = [
      prlimit,
      ...(disabled.has("prlimit-as") ? [] : [`--as=${ADDRESS_SPACE_BYTES}`]),
      // Soft below hard: the soft limit sends SIGXCPU, which the verdict reads as a timeout; with
      // both equal the kernel sends SIGKILL first and the failure read "ended early".
      ...(disabled.has("prlimit-cpu") ? [] : [`--cpu=${opts.limits.cpuSeconds}:${opts.limits.cpuSeconds + CPU_HARD_GRACE_SECONDS}`]),
      ...(disabled.has("prlimit-fsize") ? [] : ["--fsize=0"]),
      "--core=0", "--nofile=256", "--", ...argv,
    ];
    layers.push("prlimit");
  }

  const cgroup = disabled.has("cgroup") ? null : createJobCgroup(opts.jobName, opts.limits);
  if (cgroup) {
    // The launcher joins the job's groups itself, then execs: nothing of the job ever runs outside them.
    const join = 'n=$1; shift; while [ "$n" -gt 0 ]; do echo $$ > "$1" || exit 97; shift; n=$((n-1)); done; exec "$@"';
    argv = ["/bin/sh", "-c", join, "sh", String(cgroup.procsFiles.length), ...cgroup.procsFiles, ...argv];
    layers.unshift(`cgroup-v${cgroup.version}`);
    cleanups.push(() => cgroup.remove());
  }

  return {
    command: argv[0],
    args: argv.slice(1),
    // Test only, with clean-env off: the grader's own environment, to prove bubblewrap's --clearenv.
    env: cleanEnv ? {} : { ...(process.env as Record<string, string>) },
    extraFds,
    layers,
    disabled: [...disabled],
    notices: disabledNotices(disabled),
    cgroup,
    cleanup: () => {
      for (const fd of extraFds) {
        try {
          fs.closeSync(fd);
        } catch {
          // already closed
        }
      }
      for (const c of cleanups) c();
    },
  };
}
