/**
 * Per-job control groups: memory (typed arrays and wasm heaps included, which V8's heap
 * limit does not see), process count (fork bombs) and CPU share.
 *
 * v1 (this machine): one folder per job under each controller's hierarchy.
 * v2 (modern hosts): one folder under a delegated, writable subtree (TREINO_CGROUP_ROOT,
 * default /sys/fs/cgroup/treino) whose parent enables the controllers.
 * Where neither is writable (not root, no delegation) the layer is reported inactive.
 *
 * The file system's root is a parameter (`CgroupHost`) so the v2 path, which this project's
 * own machines cannot run (README, "cgroup v2"), is exercised against a fake cgroupfs tree,
 * and its kernel-facing half (join, kill, remove) against the host's real v2 hierarchy.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface CgroupLimits {
  memoryBytes: number;
  pids: number;
  /** CPU cores the job may use (CFS quota). */
  cpus: number;
}

export interface JobCgroup {
  version: 1 | 2;
  /** Files the launcher writes its own pid into before exec'ing the sandbox. */
  procsFiles: string[];
  /** Did the kernel's OOM killer act inside this group? */
  oomKilled(): boolean;
  /** Peak memory use, when the kernel reports it. */
  peakMemoryBytes(): number | null;
  killAll(): void;
  /** Removes the group's folders; false when one is still there. */
  remove(): boolean;
}

const CGROUP_FS = "/sys/fs/cgroup";
const CFS_PERIOD_US = 100_000;

function write(file: string, value: string): boolean {
  try {
    fs.writeFileSync(file, value);
    return true;
  } catch {
    return false;
  }
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function pidsIn(procsFile: string): number[] {
  return read(procsFile).split("\n").filter(Boolean).map(Number);
}

function killPids(procsFile: string): void {
  for (const pid of pidsIn(procsFile)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Is the folder gone? A group that outlives its job is reported by the leftover check. */
function removeDir(dir: string): boolean {
  // A cgroup folder can only be removed once its processes are gone; they die within ms.
  for (let i = 0; i < 50; i++) {
    try {
      fs.rmdirSync(dir);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return true;
      killPids(path.join(dir, "cgroup.procs"));
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
  return false;
}

/** Where job groups are made: v1 controllers' hierarchies under `root`, or one v2 subtree. */
export type CgroupHost = { version: 1; root: string } | { version: 2; root: string };

/** This host's cgroup file system: v2 when its root is a unified hierarchy, v1 otherwise. */
export function cgroupHost(fsRoot: string = CGROUP_FS, env: Record<string, string | undefined> = process.env): CgroupHost {
  if (fs.existsSync(path.join(fsRoot, "cgroup.controllers"))) {
    return { version: 2, root: env.TREINO_CGROUP_ROOT ?? path.join(fsRoot, "treino") };
  }
  return { version: 1, root: fsRoot };
}

const V1_CONTROLLERS = ["memory", "pids", "cpu"] as const;

/** The folders that hold one group per job. */
export function jobGroupParents(host: CgroupHost): string[] {
  return host.version === 2 ? [host.root] : V1_CONTROLLERS.map((c) => path.join(host.root, c, "treino"));
}

/**
 * Job groups whose name starts with `prefix` that still exist: after a job they must be none.
 * Null when no parent folder exists at all, so a caller cannot mistake "nowhere to look" for
 * "nothing left" (the old check did, on hosts without the v1 memory hierarchy).
 */
export function leftoverJobGroups(prefix: string, host: CgroupHost = cgroupHost()): string[] | null {
  const parents = jobGroupParents(host).filter((p) => fs.existsSync(p));
  if (parents.length === 0) return null;
  return parents.flatMap((p) => fs.readdirSync(p).filter((d) => d.startsWith(prefix)).map((d) => path.join(p, d)));
}

function createV1(name: string, limits: CgroupLimits, root: string): JobCgroup | null {
  const mem = path.join(root, "memory", "treino", name);
  const pids = path.join(root, "pids", "treino", name);
  const cpu = path.join(root, "cpu", "treino", name);
  try {
    for (const dir of [mem, pids, cpu]) fs.mkdirSync(dir, { recursive: true });
  } catch {
    return null;
  }
  const ok =
    write(path.join(mem, "memory.limit_in_bytes"), String(limits.memoryBytes)) &&
    write(path.join(pids, "pids.max"), String(limits.pids)) &&
    write(path.join(cpu, "cpu.cfs_period_us"), String(CFS_PERIOD_US)) &&
    write(path.join(cpu, "cpu.cfs_quota_us"), String(Math.round(limits.cpus * CFS_PERIOD_US)));
  // Without swap accounting the memsw file is absent; there is no swap to escape to then.
  write(path.join(mem, "memory.memsw.limit_in_bytes"), String(limits.memoryBytes));
  const dirs = [mem, pids, cpu];
  if (!ok) {
    dirs.forEach(removeDir);
    return null;
  }
  return {
    version: 1,
    procsFiles: dirs.map((d) => path.join(d, "cgroup.procs")),
    oomKilled: () => {
      const m = /oom_kill (\d+)/.exec(read(path.join(mem, "memory.oom_control")));
      if (m) return Number(m[1]) > 0;
      return Number(read(path.join(mem, "memory.failcnt")) || 0) > 0;
    },
    peakMemoryBytes: () => Number(read(path.join(mem, "memory.max_usage_in_bytes"))) || null,
    killAll: () => dirs.forEach((d) => killPids(path.join(d, "cgroup.procs"))),
    remove: () => dirs.map(removeDir).every(Boolean),
  };
}

function createV2(name: string, limits: CgroupLimits, root: string): JobCgroup | null {
  const dir = path.join(root, name);
  try {
    fs.mkdirSync(root, { recursive: true });
    write(path.join(root, "cgroup.subtree_control"), "+memory +pids +cpu");
    fs.mkdirSync(dir);
  } catch {
    return null;
  }
  const ok =
    write(path.join(dir, "memory.max"), String(limits.memoryBytes)) &&
    write(path.join(dir, "pids.max"), String(limits.pids)) &&
    write(path.join(dir, "cpu.max"), `${Math.round(limits.cpus * CFS_PERIOD_US)} ${CFS_PERIOD_US}`);
  write(path.join(dir, "memory.swap.max"), "0");
  if (!ok) {
    // A controller the parent does not delegate has no file here: the limit cannot hold.
    removeDir(dir);
    return null;
  }
  return v2Group(dir);
}

/** An existing v2 group's kernel-facing half: join, events, kill, remove. */
export function v2Group(dir: string): JobCgroup {
  return {
    version: 2,
    procsFiles: [path.join(dir, "cgroup.procs")],
    oomKilled: () => Number(/oom_kill (\d+)/.exec(read(path.join(dir, "memory.events")))?.[1] ?? 0) > 0,
    peakMemoryBytes: () => Number(read(path.join(dir, "memory.peak"))) || null,
    killAll: () => {
      // cgroup.kill (Linux 5.14+) kills the whole group at once, forks in flight included.
      if (!write(path.join(dir, "cgroup.kill"), "1")) killPids(path.join(dir, "cgroup.procs"));
    },
    remove: () => removeDir(dir),
  };
}

export function createJobCgroup(name: string, limits: CgroupLimits, host: CgroupHost = cgroupHost()): JobCgroup | null {
  return host.version === 2 ? createV2(name, limits, host.root) : createV1(name, limits, host.root);
}
