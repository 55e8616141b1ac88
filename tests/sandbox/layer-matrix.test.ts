/**
 * Each attack, stopped by each layer that claims to stop it, ALONE: every other layer that
 * could also stop it is switched off (grader/sandbox/layer-switch.ts), so a layer that quietly
 * stopped working turns its row red even where another layer would still have caught the
 * attack. Each attack also has a control row with all its claimed layers off, where the
 * attack must succeed: proof that the checks above are able to fail.
 *
 * The attacks are a small C program (attack-helper.c, compiled here with gcc: Node cannot
 * make raw system calls) and a bare Node script, launched through the grader's own launch
 * code with small limits; no TensorFlow, so the whole matrix takes seconds.
 * layer-grading.test.ts does the same through gradeSubmission.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcomeFailure } from "../../grader/failures";
import { Conversation } from "../../grader/sandbox/conversation";
import { ADDRESS_SPACE_BYTES } from "../../grader/sandbox/isolation";
import type { SwitchableLayer } from "../../grader/sandbox/layer-switch";
import { SandboxSession } from "../../grader/sandbox/run-sandbox";
import { seccompTable } from "../../grader/sandbox/seccomp";
import { hostLayers } from "./host-layers";
import { SMALL_LIMITS, buildAttackDir, runHelper, runNode, withLayersOff } from "./sandboxed-run";

const E = { PERM: 1, NOENT: 2, AGAIN: 11, NOMEM: 12, ACCES: 13, FBIG: 27, ROFS: 30, NOSYS: 38, NETUNREACH: 101, CONNREFUSED: 111 } as const;

const host = hostLayers();
const cgroupLayer = host.layers.find((l) => l.startsWith("cgroup-"));
/** A row runs only where the host has the layer it proves; where not, its title says so. */
function needs(layer: string): { skip: boolean; note: string } {
  const ok = layer === "cgroup" ? !!cgroupLayer : host.layers.includes(layer);
  return { skip: !ok, note: ok ? "" : ` [HOST LACKS ${layer}: SKIPPED, see README "Proving each layer"]` };
}
const row = (layer: string, title: string, fn: () => Promise<void>) => {
  const n = needs(layer);
  it.skipIf(n.skip)(`${title}${n.note}`, fn);
};

let dir = "";
let outside = "";
beforeAll(() => {
  dir = buildAttackDir();
  // A folder of the host's that no sandbox may see: a secret to read, a place to write.
  outside = fs.mkdtempSync(path.join(os.tmpdir(), "treino-matrix-host-"));
  fs.writeFileSync(path.join(outside, "secret.txt"), "host-secret-7a1c\n");
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

/** The first line the attack printed under `key`, as numbers (a result and an errno). */
const fact = (e: { facts(k: string): string[][] }, key: string) => e.facts(key)[0]?.map(Number);

describe("new processes (fork, clone, spawn)", () => {
  row("seccomp", "seccomp alone (node-permission off): fork and clone(SIGCHLD) fail with EPERM, Node's spawn too", async () => {
    const c = await runHelper({ dir, args: ["fork"], off: ["node-permission"] });
    expect(c.layers).toContain("seccomp");
    expect(fact(c, "fork")).toEqual([-1, E.PERM]);
    expect(fact(c, "clone")).toEqual([-1, E.PERM]);
    const n = await runNode({ dir, mode: "spawn", off: ["node-permission"] });
    expect(n.layers).not.toContain("node-permission");
    expect(n.stdout).toContain("spawn EPERM");
  });

  row("node-permission", "node-permission alone (seccomp off): spawn is refused with ERR_ACCESS_DENIED", async () => {
    const n = await runNode({ dir, mode: "spawn", off: ["seccomp"] });
    expect(n.layers).not.toContain("seccomp");
    expect(n.stdout).toContain("spawn ERR_ACCESS_DENIED");
  });

  it("control: with seccomp and node-permission off, fork, clone and spawn work", async () => {
    const c = await runHelper({ dir, args: ["fork"], off: ["seccomp", "node-permission"] });
    expect(fact(c, "fork")).toEqual([1, 0]);
    expect(fact(c, "clone")).toEqual([1, 0]);
    const n = await runNode({ dir, mode: "spawn", off: ["seccomp", "node-permission"] });
    expect(n.stdout).toContain("spawn status-0");
  });
});

describe("a storm of threads (seccomp allows threads: V8 needs them) or processes", () => {
  row("cgroup", "the cgroup's pids limit alone: thread creation fails with EAGAIN at the limit", async () => {
    const c = await runHelper({ dir, args: ["threads", "100"], limits: { pids: 16 } });
    expect(c.layers).toContain("seccomp");
    const [made, err] = fact(c, "threads");
    expect(made).toBeLessThan(16);
    expect(err).toBe(E.AGAIN);
  });

  row("cgroup", "a fork bomb with seccomp and node-permission off: the pids limit alone, fork fails with EAGAIN", async () => {
    const c = await runHelper({ dir, args: ["forks", "100"], limits: { pids: 16 }, off: ["seccomp", "node-permission"] });
    const [made, err] = fact(c, "forks");
    expect(made).toBeLessThan(16);
    expect(err).toBe(E.AGAIN);
  });

  it("control: with the cgroup off, 100 threads and 100 processes are made", async () => {
    const f = await runHelper({ dir, args: ["forks", "100"], off: ["cgroup", "seccomp", "node-permission"] });
    expect(fact(f, "forks")).toEqual([100, 0]);
    const c = await runHelper({ dir, args: ["threads", "100"], off: ["cgroup"] });
    expect(fact(c, "threads")).toEqual([100, 0]);
  });
});

describe("network, to a server on the host's 127.0.0.1", () => {
  let server: net.Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => void server.close());
  const settle = () => new Promise((r) => setTimeout(r, 100));

  row("bubblewrap", "the network namespace alone (seccomp off): the socket opens, the connection never arrives", async () => {
    const before = connections;
    const c = await runHelper({ dir, args: ["connect", String(port)], off: ["seccomp"] });
    expect(fact(c, "socket")).toEqual([0, 0]);
    const [rc, err] = fact(c, "connect");
    expect(rc).toBe(-1);
    expect([E.CONNREFUSED, E.NETUNREACH]).toContain(err); // the namespace's own loopback, or none
    await settle();
    expect(connections).toBe(before);
  });

  row("seccomp", "seccomp alone (the host's network shared): socket(AF_INET) fails with EACCES", async () => {
    const before = connections;
    const c = await runHelper({ dir, args: ["connect", String(port)], off: ["network-namespace"] });
    expect(c.notices).toContain("network-namespace DISABLED for a test");
    expect(fact(c, "socket")).toEqual([-1, E.ACCES]);
    await settle();
    expect(connections).toBe(before);
  });

  it("control: with both off, the connection reaches the host", async () => {
    const before = connections;
    const c = await runHelper({ dir, args: ["connect", String(port)], off: ["network-namespace", "seccomp"] });
    expect(fact(c, "connect")).toEqual([0, 0]);
    await settle();
    expect(connections).toBe(before + 1);
  });
});

describe("reading the host's files", () => {
  const secret = () => path.join(outside, "secret.txt");

  row("bubblewrap", "bubblewrap's mount view alone (node-permission off): the file does not exist in there", async () => {
    const n = await runNode({ dir, mode: "read", arg: secret(), off: ["node-permission"] });
    expect(n.stdout).toContain("read ENOENT");
    const c = await runHelper({ dir, args: ["read", secret()] });
    expect(fact(c, "read")).toEqual([-1, E.NOENT]);
  });

  row("node-permission", "node-permission alone (bubblewrap off): the read is refused with ERR_ACCESS_DENIED", async () => {
    const n = await runNode({ dir, mode: "read", arg: secret(), off: ["bubblewrap"] });
    expect(n.notices).toContain("bubblewrap DISABLED for a test");
    expect(n.stdout).toContain("read ERR_ACCESS_DENIED");
    expect(n.stdout).not.toContain("host-secret");
  });

  it("control: with both off, the secret is read", async () => {
    const n = await runNode({ dir, mode: "read", arg: secret(), off: ["bubblewrap", "node-permission"] });
    expect(n.stdout).toContain("read ok host-secret-7a1c");
  });
});

describe("writing files", () => {
  const target = () => path.join(outside, `pwned-${Math.random().toString(36).slice(2)}`);

  row("prlimit", "prlimit's file-size limit alone (bubblewrap off): write() fails with EFBIG, nothing is written", async () => {
    const file = target();
    const c = await runHelper({ dir, args: ["write", file], off: ["bubblewrap"] });
    expect(fact(c, "write")).toEqual([-1, E.FBIG]);
    expect(fs.readFileSync(file, "utf8")).toBe(""); // open(O_CREAT) is not a write: the file is empty
  });

  row("bubblewrap", "bubblewrap's read-only view alone (prlimit's file-size limit off): open() fails with EROFS", async () => {
    const c = await runHelper({ dir, args: ["write", "/sandbox/pwned"], off: ["prlimit-fsize"] });
    expect(fact(c, "write")).toEqual([-1, E.ROFS]);
    expect(fs.existsSync(path.join(dir, "pwned"))).toBe(false);
  });

  row("node-permission", "node-permission alone (bubblewrap and the file-size limit off): the write is refused", async () => {
    const file = target();
    const n = await runNode({ dir, mode: "write", arg: file, off: ["bubblewrap", "prlimit-fsize"] });
    expect(n.stdout).toContain("write ERR_ACCESS_DENIED");
    expect(fs.existsSync(file)).toBe(false);
  });

  it("control: with bubblewrap and the file-size limit off, the file is written", async () => {
    const file = target();
    const c = await runHelper({ dir, args: ["write", file], off: ["bubblewrap", "prlimit-fsize"] });
    expect(fact(c, "write")).toEqual([6, 0]);
    expect(fs.readFileSync(file, "utf8")).toBe("pwned\n");
  });
});

describe("memory", () => {
  const overLimitGiB = Math.ceil(ADDRESS_SPACE_BYTES / 1024 ** 3) + 2;

  row("cgroup", "the cgroup alone (prlimit's address-space limit off): a 128 MB bomb under a 32 MB limit is OOM-killed", async () => {
    const c = await runHelper({ dir, args: ["alloc", "128"], off: ["prlimit-as"], limits: { memoryBytes: 32 * 1024 ** 2 } });
    expect(c.stdout).not.toContain("allocated-all");
    expect(c.oomKilled).toBe(true);
    expect(["SIGKILL", 137]).toContain(c.signal ?? c.code);
  });

  row("prlimit", `prlimit's address-space limit alone (cgroup off): reserving ${overLimitGiB} GiB fails with ENOMEM`, async () => {
    const c = await runHelper({ dir, args: ["reserve", String(overLimitGiB)], off: ["cgroup"] });
    expect(fact(c, "reserve")).toEqual([-1, E.NOMEM]);
  });

  it("control: with both off, the bomb and the reservation go through", async () => {
    const a = await runHelper({ dir, args: ["alloc", "128"], off: ["cgroup", "prlimit-as"], limits: { memoryBytes: 32 * 1024 ** 2 } });
    expect(a.stdout).toContain("allocated-all 128");
    const r = await runHelper({ dir, args: ["reserve", String(overLimitGiB)], off: ["cgroup", "prlimit-as"] });
    expect(fact(r, "reserve")).toEqual([0, 0]);
  });
});

describe("CPU burn, through the grader's own session (its timers are a layer)", () => {
  /** The Node attacks' burn, in a SandboxSession as grading opens one; the verdict as grading reads it. */
  async function burn(off: SwitchableLayer[], phaseTimeoutMs: number) {
    const session = withLayersOff(off, () =>
      new SandboxSession<{ type: string }>({
        harnessDir: dir, entry: "describe", nodeModulesDir: null, allowUnsandboxed: false,
        limits: { ...SMALL_LIMITS, memoryBytes: 512 * 1024 ** 2, cpuSeconds: 1 },
        phaseTimeoutMs: () => phaseTimeoutMs, totalTimeoutMs: 60_000,
        schema: z.object({ type: z.string() }), conversation: new Conversation(),
      }),
    );
    const backstop = setTimeout(() => session.stop({ kind: "sandbox", reason: "the test's backstop" }), 20_000);
    session.send(Buffer.from(JSON.stringify({ mode: "burn" }) + "\n"));
    const outcome = await session.finished;
    clearTimeout(backstop);
    return { outcome, layers: session.layers, verdict: outcomeFailure(outcome, "load", 512) };
  }

  row("prlimit", "prlimit's CPU limit alone (the session's timers off): SIGXCPU, read as a timeout", async () => {
    const { outcome, layers, verdict } = await burn(["timeout"], 60_000);
    expect(layers).toContain("timeout DISABLED for a test");
    expect(layers).not.toContain("timeout");
    expect(outcome.stoppedFor).toBeNull();
    expect(outcome.signal).toBe("SIGXCPU");
    expect(verdict.kind).toBe("timeout");
  });

  it("the session's phase timer alone (prlimit's CPU limit off): stopped at the phase limit, a timeout", async () => {
    const started = Date.now();
    const { outcome, layers, verdict } = await burn(["prlimit-cpu"], 2_000);
    expect(layers).toContain("prlimit-cpu DISABLED for a test");
    expect(outcome.stoppedFor).toMatchObject({ kind: "timeout", limitMs: 2_000 });
    expect(verdict.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("control: with prlimit's CPU limit off and no timer, 3 s of CPU burn to the end", async () => {
    const c = await runHelper({ dir, args: ["burn", "3"], off: ["prlimit-cpu"] });
    expect(c.stdout).toContain("burned 3");
    expect(c.code).toBe(0);
  });
});

describe("the grader's environment (secrets)", () => {
  const CANARY = "matrix-canary-93b2";
  beforeAll(() => void (process.env.TREINO_MATRIX_CANARY = CANARY));
  afterAll(() => void delete process.env.TREINO_MATRIX_CANARY);

  it("clean-env alone (bubblewrap off): the child gets only its own few variables", async () => {
    const c = await runHelper({ dir, args: ["env"], off: ["bubblewrap"] });
    expect(c.layers).toContain("clean-env");
    expect(c.stdout).toContain("env-end");
    expect(c.stdout).not.toContain(CANARY);
  });

  row("bubblewrap", "bubblewrap's --clearenv alone (clean-env off): the grader's variables do not get in", async () => {
    const c = await runHelper({ dir, args: ["env"], off: ["clean-env"] });
    expect(c.stdout).toContain("env-end");
    expect(c.stdout).not.toContain(CANARY);
  });

  it("control: with both off, the canary is seen", async () => {
    const c = await runHelper({ dir, args: ["env"], off: ["bubblewrap", "clean-env"] });
    expect(c.stdout).toContain(`env TREINO_MATRIX_CANARY=${CANARY}`);
  });
});

describe("seccomp on a live process", () => {
  const table = seccompTable();
  const live = needs("seccomp");
  const X32 = 0x40000000;
  /** Each denied call as "nr:arg0[:c]", with the errno the filter must answer. */
  const denied = table
    ? [
        ...Object.entries(table.denied).map(([name, nr]) => ({ name, call: `${nr}:0${["fork", "vfork"].includes(name) ? ":c" : ""}`, errno: E.PERM })),
        { name: "clone(SIGCHLD)", call: `${table.clone}:17:c`, errno: E.PERM },
        { name: "socket(AF_INET)", call: `${table.socket}:2`, errno: E.ACCES },
        { name: "socket(AF_INET6)", call: `${table.socket}:10`, errno: E.ACCES },
        { name: "socket(AF_NETLINK)", call: `${table.socket}:16`, errno: E.ACCES },
        { name: "clone3", call: `${table.clone3}:0`, errno: E.NOSYS },
        ...(process.arch === "x64" ? [{ name: "x32 getpid", call: `${X32 + 39}:0`, errno: E.PERM }] : []),
      ]
    : [];
  const results = (out: { facts(k: string): string[][] }) => new Map(out.facts("syscall").map(([nr, rc, err]) => [Number(nr), [Number(rc), Number(err)]]));

  it.skipIf(live.skip || !table)(`each denied system call fails with its errno${live.note}`, async () => {
    const c = await runHelper({ dir, args: ["syscalls", ...denied.map((d) => d.call)] });
    expect(c.layers).toContain("seccomp");
    const got = results(c);
    const wrong = denied.filter((d) => got.get(Number(d.call.split(":")[0]))?.[1] !== d.errno || got.get(Number(d.call.split(":")[0]))?.[0] !== -1);
    // socket appears three times: the map keeps the last (AF_NETLINK); all three are in stdout.
    expect(c.facts("syscall").filter(([nr]) => Number(nr) === table!.socket).map(([, rc, e]) => [Number(rc), Number(e)])).toEqual([[-1, E.ACCES], [-1, E.ACCES], [-1, E.ACCES]]);
    expect(wrong.filter((d) => !d.name.startsWith("socket")).map((d) => `${d.name}: ${JSON.stringify(got.get(Number(d.call.split(":")[0])))}`)).toEqual([]);
    expect(c.code).toBe(0);
  });

  it.skipIf(live.skip || !table)(`control: without the filter the same calls answer otherwise (the errno is the filter's)${live.note}`, async () => {
    // Only calls that are harmless when they succeed in a throwaway namespace.
    const safe = [`${table!.clone}:17:c`, `${table!.socket}:2`, `${table!.clone3}:0`, `${table!.denied.unshare}:0`, `${table!.denied.fork ?? table!.clone}:0:c`, ...(process.arch === "x64" ? [`${X32 + 39}:0`] : [])];
    const on = results(await runHelper({ dir, args: ["syscalls", ...safe] }));
    const off = results(await runHelper({ dir, args: ["syscalls", ...safe], off: ["seccomp"] }));
    for (const call of safe) {
      const nr = Number(call.split(":")[0]);
      expect({ call, result: off.get(nr) }).not.toEqual({ call, result: on.get(nr) });
    }
  });

  it.skipIf(live.skip)(`what Node needs still works under the filter: threads, unix sockets, epoll, mmap; Node's thread pool, crypto, zlib${live.note}`, async () => {
    const c = await runHelper({ dir, args: ["allowed"] });
    expect(c.stdout.trim()).toBe("allowed ok");
    const n = await runNode({ dir, mode: "allowed" });
    expect(n.layers).toEqual(expect.arrayContaining(["seccomp", "node-permission", "bubblewrap"]));
    expect(n.stdout.trim()).toBe("node ok true");
  });

  it.skipIf(live.skip || process.arch !== "x64")(`a switch to the 32-bit ABI (int 0x80) ends the process${live.note}`, async () => {
    const on = await runHelper({ dir, args: ["int80"] });
    expect(on.stdout).not.toContain("int80");
    expect(on.code).not.toBe(0);
    const off = await runHelper({ dir, args: ["int80"], off: ["seccomp"] });
    if (off.code === on.code) {
      // The kernel has no 32-bit ABI (IA32 emulation off): int 0x80 faults before any filter.
      console.warn(`\n!!! This kernel has no 32-bit ABI (int 0x80 faults, exit ${off.code}, with or without seccomp): the filter's ABI check is proved only by seccomp.test.ts's BPF interpreter here.\n`);
    } else {
      expect(on.code).toBe(128 + os.constants.signals.SIGSYS);
    }
  });
});

describe("the switch itself", () => {
  it("names every layer a test leaves out, and lists it no more among the active ones", async () => {
    const c = await runHelper({ dir, args: ["allowed"], off: ["seccomp", "cgroup"] });
    expect(c.notices).toEqual(["seccomp DISABLED for a test", "cgroup DISABLED for a test"]);
    expect(c.layers).not.toContain("seccomp");
    expect(c.layers.some((l) => l.startsWith("cgroup"))).toBe(false);
  });
});
