import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { NoIsolationError, planLaunch } from "./isolation";

const limits = { memoryBytes: 1024 ** 3, pids: 64, cpus: 1, cpuSeconds: 60 };
const harnessDir = fs.mkdtempSync(path.join(os.tmpdir(), "treino-harness-test-"));
const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

describe("planLaunch", () => {
  it("refuses to run without the namespace sandbox unless the development flag says so", () => {
    process.env.PATH = path.join(harnessDir, "empty-bin"); // no bwrap, no prlimit here
    expect(() => planLaunch({ harnessDir, jobName: `t-${process.pid}-a`, limits, allowUnsandboxed: false, nodeModulesDir: null, entry: "describe" as const })).toThrow(NoIsolationError);
    const launch = planLaunch({ harnessDir, jobName: `t-${process.pid}-b`, limits, allowUnsandboxed: true, nodeModulesDir: null, entry: "describe" as const });
    try {
      expect(launch.layers).not.toContain("bubblewrap");
      expect(launch.layers).not.toContain("seccomp");
      expect(launch.layers).toEqual(expect.arrayContaining(["node-permission", "clean-env"]));
      expect(launch.args).toContain(`--allow-fs-read=${harnessDir}/`);
    } finally {
      launch.cleanup();
    }
  });

  it("stacks every layer this host supports, bubblewrap and seccomp included", () => {
    const launch = planLaunch({ harnessDir, jobName: `t-${process.pid}-c`, limits, allowUnsandboxed: false, nodeModulesDir: null, entry: "describe" as const });
    try {
      expect(launch.layers).toEqual(expect.arrayContaining(["bubblewrap", "seccomp", "prlimit", "node-permission", "clean-env"]));
      const argv = [launch.command, ...launch.args].join(" ");
      expect(argv).toMatch(/--unshare-all .*--uid 65534/);
      expect(argv).toContain("--fsize=0");
      expect(argv).toContain("--seccomp 4");
      expect(launch.extraFds).toHaveLength(1);
    } finally {
      launch.cleanup();
    }
  });
});
