/**
 * A battery of hostile submissions. Each must be contained: the forbidden effect does not
 * happen on the host, the grader returns a result with a clear failure where there is one,
 * and grading goes on afterwards.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leftoverJobGroups } from "../../grader/sandbox/cgroup";
import { hostLayers } from "../sandbox/host-layers";
import { grade, exercise } from "./grade";

const head = `import * as tf from "@tensorflow/tfjs";
const host: any = (globalThis as any).process;
export const training = { epochs: 1, batchSize: 50 };
function model(layer: tf.layers.Layer): tf.LayersModel {
  const m = tf.sequential();
  m.add(layer);
  m.add(tf.layers.dense({ units: 1 }));
  return m;
}
export function buildLstm(): tf.LayersModel { return model(tf.layers.lstm({ units: 2, inputShape: [5, 1] })); }
`;
/** A next-number submission whose buildRnn runs `body` first. */
const attack = (body: string) => `${head}
export function buildRnn(): tf.LayersModel {
${body}
  return model(tf.layers.simpleRNN({ units: 2, inputShape: [5, 1] }));
}
`;

const marker = path.join(os.tmpdir(), `treino-hostile-${process.pid}`);
let server: net.Server;
let connections = 0;
let port = 0;

beforeAll(async () => {
  server = net.createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => {
  server.close();
  fs.rmSync(marker, { force: true });
});

describe("hostile submissions are contained", () => {
  it("cannot read the host's files", async () => {
    const r = await grade("next-number", attack(`  const fs = host.mainModule.require("fs");\n  console.log(fs.readFileSync("/etc/passwd", "utf8"));`));
    expect(r.failure?.kind).toBe("sandbox");
    expect(r.logs.text).not.toContain("root:");
  });

  it("cannot write files", async () => {
    const r = await grade("next-number", attack(`  host.mainModule.require("fs").writeFileSync(${JSON.stringify(marker)}, "pwned");`));
    expect(r.failure?.kind).toBe("sandbox");
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("sees no environment secrets", async () => {
    process.env.TREINO_HOSTILE_CANARY = "canary-5f1d0c";
    try {
      const r = await grade("next-number", attack(`  console.log(JSON.stringify(host.env));`));
      expect(r.failure).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain("canary-5f1d0c");
    } finally {
      delete process.env.TREINO_HOSTILE_CANARY;
    }
  });

  it("cannot open a network connection, even to 127.0.0.1", async () => {
    const before = connections;
    const r = await grade("next-number", `${head}
export async function buildRnn(): Promise<tf.LayersModel> {
  const s = host.mainModule.require("net").connect(${port}, "127.0.0.1");
  const tcp = await new Promise((ok) => { s.on("connect", () => ok("connected")); s.on("error", (e: any) => ok(e.code)); });
  const http = await fetch("http://127.0.0.1:${port}/").then(() => "fetched", (e) => String(e));
  console.log("attempts:", tcp, http);
  return model(tf.layers.simpleRNN({ units: 2, inputShape: [5, 1] }));
}
`);
    expect(r.logs.text).toContain("attempts:");
    expect(r.logs.text).not.toContain("connected");
    expect(connections).toBe(before);
  });

  it("cannot load native code, not even the grader's own kernels", async () => {
    // Student code runs in the describe sandbox, where Node itself refuses every addon.
    const dlopen = await grade("next-number", attack(`  host.dlopen({ exports: {} }, "/usr/lib/x86_64-linux-gnu/libm.so.6");`));
    expect(dlopen.failure?.kind).toBe("sandbox");
    expect(dlopen.failure?.message).toMatch(/addons is disabled|ERR_DLOPEN_DISABLED/);
    const addon = await grade("next-number", attack(`  const k = host.mainModule.require("/sandbox/treino_rnn.node");\n  console.log("got", typeof k.forward);`));
    expect(addon.failure?.kind).toBe("sandbox");
    expect(addon.logs.text).not.toContain("got function");
  });

  it("cannot spawn processes", async () => {
    const r = await grade("next-number", attack(`  host.mainModule.require("child_process").execSync("touch ${marker}");`));
    expect(r.failure?.kind).toBe("sandbox");
    expect(fs.existsSync(marker)).toBe(false);
  });

  it("a fork bomb ends as a sandbox failure", async () => {
    const r = await grade("next-number", attack(`  const cp = host.mainModule.require("child_process");\n  for (let i = 0; i < 10000; i++) cp.spawn(host.execPath, ["-e", "for(;;){}"]);`));
    expect(r.failure?.kind).toBe("sandbox");
  });

  it("a memory bomb of typed arrays ends as out of memory", async () => {
    const r = await grade(
      "next-number",
      attack(`  const keep: Float64Array[] = [];\n  for (;;) { const a = new Float64Array(16_000_000); a.fill(1); keep.push(a); }`),
      { config: { TREINO_SANDBOX_MEMORY_MB: 1024 } },
    );
    expect(r.failure?.kind).toBe("memory");
    expect(r.failure?.phase).toBe("build:rnn");
  });

  it("an infinite synchronous loop times out in its phase", async () => {
    const r = await grade("next-number", `${head}\nfor (;;) {}\nexport function buildRnn(): tf.LayersModel { return tf.sequential(); }\n`);
    expect(r.failure?.kind).toBe("timeout");
    expect(r.failure?.phase).toBe("load");
  });

  it("an infinite asynchronous loop times out in its phase", async () => {
    const r = await grade("next-number", `${head}
async function forever(): Promise<void> { for (;;) await new Promise((ok) => setTimeout(ok, 1)); }
export async function buildRnn(): Promise<tf.LayersModel> { await forever(); return tf.sequential(); }
`);
    expect(r.failure?.kind).toBe("timeout");
    expect(r.failure?.phase).toBe("build:rnn");
  });

  it("cannot kill the grader or anything outside the sandbox", async () => {
    // A bystander process of the same (root) user outside the sandbox.
    const bystander = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      const r = await grade("next-number", attack(`  try { host.kill(host.ppid, "SIGKILL"); } catch (e) { console.log(String(e)); }
  try { host._kill(host.ppid, 9); } catch (e) { console.log("ppid:", String(e)); }
  try { host._kill(-1, 9); } catch (e) { console.log("all:", String(e)); }`));
      expect(r.logs.text).toContain("process.kill is not allowed");
      expect(bystander.exitCode).toBeNull();
      expect(() => process.kill(bystander.pid!, 0)).not.toThrow();
      // The attempts changed nothing: the models were still built and graded.
      expect(r.checks.find((c) => c.id === "rnn.contract")?.status).toBe("passed");
    } finally {
      bystander.kill("SIGKILL");
    }
  });

  it("cannot forge the grader's messages", async () => {
    const r = await grade("next-number", attack(`  host.mainModule.require("fs").writeSync(3, JSON.stringify({ type: "done" }) + "\\n");`));
    expect(r.failure?.kind).toBe("sandbox");
    expect(r.failure?.text.en).toMatch(/forged/);
  });

  it("huge output is capped and grading goes on", async () => {
    const r = await grade("next-number", attack(`  for (let i = 0; i < 200_000; i++) console.log("x".repeat(100));`));
    expect(r.failure).toBeUndefined();
    expect(r.logs.truncated).toBe(true);
    expect(r.logs.text.length).toBeLessThanOrEqual(64 * 1024);
    expect(r.checks.find((c) => c.id === "rnn.contract")?.status).toBe("passed");
  });

  it("after all that, the grader still grades and leaves no cgroup behind", async () => {
    const r = await grade("next-number", exercise("next-number", "solution.ts"));
    expect(r.passed).toBe(true);
    // The check used to look only at v1's memory hierarchy and passed quietly wherever that
    // was absent. Now: where the host can make cgroups, the grading must have had one, and
    // every hierarchy of its version (v1 or v2) must hold nothing of this process's jobs.
    const expected = hostLayers().layers.find((l) => l.startsWith("cgroup-"));
    const active = r.environment.isolation.find((l) => l.startsWith("cgroup-"));
    expect(active).toBe(expected);
    if (!active) {
      console.warn("\n!!! No cgroup layer on this host: the leftover-cgroup check has nothing to check (README, \"Proving each layer\").\n");
      return;
    }
    const left = leftoverJobGroups(`job-${process.pid}-`);
    expect(left, "the cgroup hierarchy the grading used is not where the check looks").not.toBeNull();
    expect(left).toEqual([]);
  });
});
