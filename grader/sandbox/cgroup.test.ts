/**
 * The cgroup layer's two paths. v1 runs for real in tests/sandbox/layer-matrix.test.ts on
 * hosts like this project's. v2 cannot run whole here (README, "cgroup v2"): its limits are
 * checked against a fake cgroupfs tree, its kernel half (join, cgroup.kill, rmdir) against the
 * host's real v2 hierarchy wherever one is mounted and writable.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cgroupHost, createJobCgroup, leftoverJobGroups, v2Group } from "./cgroup";

const limits = { memoryBytes: 256 * 1024 ** 2, pids: 32, cpus: 1.5 };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "treino-cgroupfs-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A directory that looks like a cgroup v2 root to the code: its marker file and controllers. */
function fakeV2Root(): string {
  const root = fs.mkdtempSync(path.join(tmp, "v2-"));
  fs.writeFileSync(path.join(root, "cgroup.controllers"), "cpuset cpu io memory pids\n");
  return root;
}

describe("cgroup v2, on a fake cgroupfs tree", () => {
  it("is chosen where the root is a unified hierarchy, under TREINO_CGROUP_ROOT when set", () => {
    const root = fakeV2Root();
    expect(cgroupHost(root, {})).toEqual({ version: 2, root: path.join(root, "treino") });
    expect(cgroupHost(root, { TREINO_CGROUP_ROOT: "/delegated/treino" })).toEqual({ version: 2, root: "/delegated/treino" });
    expect(cgroupHost(tmp, {})).toEqual({ version: 1, root: tmp });
  });

  it("writes each limit where the kernel reads it, and joins, kills and reports through the group's files", () => {
    const root = fakeV2Root();
    const host = cgroupHost(root, {});
    const g = createJobCgroup("job-fake-1", limits, host)!;
    expect(g).not.toBeNull();
    const dir = path.join(root, "treino", "job-fake-1");
    const file = (f: string) => fs.readFileSync(path.join(dir, f), "utf8");
    expect(fs.readFileSync(path.join(root, "treino", "cgroup.subtree_control"), "utf8")).toBe("+memory +pids +cpu");
    expect(file("memory.max")).toBe(String(256 * 1024 ** 2));
    expect(file("memory.swap.max")).toBe("0");
    expect(file("pids.max")).toBe("32");
    expect(file("cpu.max")).toBe("150000 100000");
    expect(g.version).toBe(2);
    expect(g.procsFiles).toEqual([path.join(dir, "cgroup.procs")]);

    expect(g.oomKilled()).toBe(false);
    fs.writeFileSync(path.join(dir, "memory.events"), "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n");
    expect(g.oomKilled()).toBe(true);
    fs.writeFileSync(path.join(dir, "memory.peak"), "123456\n");
    expect(g.peakMemoryBytes()).toBe(123456);
    g.killAll();
    expect(file("cgroup.kill")).toBe("1");

    expect(leftoverJobGroups("job-fake-", host)).toEqual([dir]);
    // On a real cgroupfs the interface files go with the folder; here they must be cleared first.
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
    expect(g.remove()).toBe(true);
    expect(leftoverJobGroups("job-fake-", host)).toEqual([]);
  });

  it("never shares a group: a folder of the job's name already there is a refusal", () => {
    const root = fakeV2Root();
    const host = cgroupHost(root, {});
    fs.mkdirSync(path.join(root, "treino", "job-fake-2"), { recursive: true });
    expect(createJobCgroup("job-fake-2", limits, host)).toBeNull();
    expect(fs.existsSync(path.join(root, "treino", "job-fake-2", "memory.max"))).toBe(false);
  });

  it("the leftover check says 'nowhere to look' (null), never a quiet 'nothing left'", () => {
    expect(leftoverJobGroups("job-", { version: 2, root: path.join(tmp, "absent") })).toBeNull();
    expect(leftoverJobGroups("job-", { version: 1, root: path.join(tmp, "absent") })).toBeNull();
  });
});

/** The host's real cgroup2 mount, if any (hybrid hosts mount it beside the v1 hierarchies). */
function realV2Mount(): string | null {
  const line = fs.readFileSync("/proc/self/mounts", "utf8").split("\n").find((l) => l.split(" ")[2] === "cgroup2");
  const mount = line?.split(" ")[1] ?? null;
  if (!mount) return null;
  try {
    fs.accessSync(mount, fs.constants.W_OK);
    return mount;
  } catch {
    return null;
  }
}

const v2 = realV2Mount();
if (!v2) console.warn("\n!!! No writable cgroup2 mount on this host: cgroup v2's kernel half is not exercised here (README, \"cgroup v2\").\n");

describe.skipIf(!v2)(`cgroup v2 on the host's real hierarchy (${v2 ?? "none: SKIPPED"})`, () => {
  const controllers = v2 ? fs.readFileSync(path.join(v2, "cgroup.controllers"), "utf8").trim().split(/\s+/) : [];
  const complete = ["memory", "pids", "cpu"].every((c) => controllers.includes(c));

  it(`creates a limited group only where memory, pids and cpu are delegated (here: '${controllers.join(" ")}')`, () => {
    const host = { version: 2 as const, root: path.join(v2!, `treino-test-${process.pid}`) };
    const g = createJobCgroup("job-real", limits, host);
    try {
      if (complete) {
        expect(g).not.toBeNull();
        expect(fs.readFileSync(path.join(host.root, "job-real", "pids.max"), "utf8").trim()).toBe("32");
      } else {
        // The limits cannot hold: no group, and no folder left behind.
        expect(g).toBeNull();
        expect(leftoverJobGroups("job-real", host)).toEqual([]);
      }
    } finally {
      g?.remove();
      fs.rmdirSync(host.root);
    }
  });

  it("the launcher's join, cgroup.kill and removal work on the real kernel", async () => {
    const dir = path.join(v2!, `treino-test-${process.pid}-kill`);
    fs.mkdirSync(dir);
    const g = v2Group(dir);
    try {
      // The same join the launcher does (isolation.ts), then a process tree to kill.
      const child = spawn("/bin/sh", ["-c", 'echo $$ > "$1" && exec sh -c "sleep 60 & sleep 60 & wait"', "sh", g.procsFiles[0]], { stdio: "ignore", detached: true });
      const exited = new Promise<string | null>((r) => child.on("exit", (_c, s) => r(s)));
      for (let i = 0; i < 100 && fs.readFileSync(g.procsFiles[0], "utf8").trim().split("\n").filter(Boolean).length < 3; i++) await new Promise((r) => setTimeout(r, 20));
      const members = fs.readFileSync(g.procsFiles[0], "utf8").trim().split("\n").filter(Boolean).map(Number);
      expect(members).toContain(child.pid);
      expect(members.length).toBe(3);
      g.killAll();
      expect(await exited).toBe("SIGKILL");
      for (const pid of members) await waitGone(pid);
      expect(g.remove()).toBe(true);
      expect(fs.existsSync(dir)).toBe(false);
    } finally {
      if (fs.existsSync(dir)) {
        g.killAll();
        g.remove();
      }
    }
  });
});

async function waitGone(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`process ${pid} outlived cgroup.kill`);
}
