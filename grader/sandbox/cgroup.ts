/**
 * Per-job control groups: memory (typed arrays and wasm heaps included, which V8's heap
 * limit does not see), process count (fork bombs) and CPU share.
 *
 * v1 (this machine): one folder per job under each controller's hierarchy.
 * v2 (modern hosts): one folder under a delegated, writable subtree (TREINO_CGROUP_ROOT,
 * default /sys/fs/cgroup/treino) whose parent enables the controllers.
 * Where neither is writable (not root, no delegation) the layer is reported inactive.
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
  remove(): void;
}

const V1_ROOT = "/sys/fs/cgroup";
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

function removeDir(dir: string): void {
  // A cgroup folder can only be removed once its processes are gone; they die within ms.
  for (let i = 0; i < 50; i++) {
    try {
      fs.rmdirSync(dir);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      killPids(path.join(dir, "cgroup.procs"));
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function isV2(): boolean {
  return fs.existsSync(path.join(V1_ROOT, "cgroup.controllers"));
}

function createV1(name: string, limits: CgroupLimits): JobCgroup | null {
  const mem = path.join(V1_ROOT, "memory", "treino", name);
  const pids = path.join(V1_ROOT, "pids", "treino", name);
  const cpu = path.join(V1_ROOT, "cpu", "treino", name);
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
    remove: () => dirs.forEach(removeDir),
  };
}

function createV2(name: string, limits: CgroupLimits): JobCgroup | null {
  const root = process.env.TREINO_CGROUP_ROOT ?? path.join(V1_ROOT, "treino");
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
    removeDir(dir);
    return null;
  }
  return {
    version: 2,
    procsFiles: [path.join(dir, "cgroup.procs")],
    oomKilled: () => Number(/oom_kill (\d+)/.exec(read(path.join(dir, "memory.events")))?.[1] ?? 0) > 0,
    peakMemoryBytes: () => Number(read(path.join(dir, "memory.peak"))) || null,
    killAll: () => {
      if (!write(path.join(dir, "cgroup.kill"), "1")) killPids(path.join(dir, "cgroup.procs"));
    },
    remove: () => removeDir(dir),
  };
}

export function createJobCgroup(name: string, limits: CgroupLimits): JobCgroup | null {
  return isV2() ? createV2(name, limits) : createV1(name, limits);
}
