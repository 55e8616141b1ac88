import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { planLaunch } from "./isolation";
import { disabledLayers } from "./layer-switch";

const env = (vars: Record<string, string>) => ({ ...vars }) as NodeJS.ProcessEnv;

describe("the test-only layer switch", () => {
  it("acts only when the test harness says it is one", () => {
    expect([...disabledLayers(env({ TREINO_TEST_HARNESS: "1", TREINO_TEST_DISABLE_LAYER: "seccomp, cgroup" }))]).toEqual(["seccomp", "cgroup"]);
  });

  it("is ignored, loudly, without the harness flag or under NODE_ENV=production", () => {
    const warn = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(disabledLayers(env({ TREINO_TEST_DISABLE_LAYER: "seccomp" })).size).toBe(0);
      expect(disabledLayers(env({ TREINO_TEST_DISABLE_LAYER: "seccomp", TREINO_TEST_HARNESS: "true" })).size).toBe(0);
      expect(disabledLayers(env({ TREINO_TEST_DISABLE_LAYER: "seccomp", TREINO_TEST_HARNESS: "1", NODE_ENV: "production" })).size).toBe(0);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/IGNORED/);
    } finally {
      warn.mockRestore();
    }
  });

  it("refuses a layer name it does not know, so a typo cannot quietly test nothing", () => {
    expect(() => disabledLayers(env({ TREINO_TEST_HARNESS: "1", TREINO_TEST_DISABLE_LAYER: "secomp" }))).toThrow(/unknown layer/);
  });

  it("a production grader keeps every layer, whatever the variables say", () => {
    const saved = { ...process.env };
    Object.assign(process.env, { TREINO_TEST_HARNESS: "1", TREINO_TEST_DISABLE_LAYER: "seccomp,bubblewrap,node-permission", NODE_ENV: "production" });
    const warn = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-switch-"));
    try {
      const launch = planLaunch({ harnessDir: dir, entry: "describe", jobName: `t-${process.pid}-switch`, limits: { memoryBytes: 1024 ** 3, pids: 64, cpus: 1, cpuSeconds: 60 }, allowUnsandboxed: false, nodeModulesDir: null });
      launch.cleanup();
      expect(launch.layers).toEqual(expect.arrayContaining(["bubblewrap", "seccomp", "node-permission"]));
      expect(launch.notices).toEqual([]);
      expect(launch.args).toContain("--experimental-permission");
    } finally {
      warn.mockRestore();
      for (const k of ["TREINO_TEST_HARNESS", "TREINO_TEST_DISABLE_LAYER", "NODE_ENV"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
