import { describe, expect, it } from "vitest";
import { outcomeFailure } from "./failures";
import type { SandboxOutcome } from "./sandbox/run-sandbox";

const outcome = (o: Partial<SandboxOutcome>): SandboxOutcome => ({
  exitCode: null, signal: "SIGKILL", stoppedFor: null, oomKilled: false, peakMemoryBytes: null,
  logs: { text: "", truncated: false }, stderrTail: "", phases: [], layers: [], ...o,
});

describe("reading why the sandbox ended", () => {
  it("blames the grader, not the student, when the child dies before loading any code", () => {
    for (const phase of ["start", "boot"]) {
      const f = outcomeFailure(outcome({ exitCode: 1, signal: null, stderrTail: "bwrap: cannot mount" }), phase, 4096);
      expect(f.kind).toBe("internal");
      expect(f.message).toMatch(/bwrap: cannot mount/);
    }
    expect(outcomeFailure(outcome({ stoppedFor: { kind: "timeout", phase: "boot", limitMs: 30_000 } }), "boot", 4096).kind).toBe("internal");
  });

  it("names timeouts, the OOM killer, seccomp and file writes once student code runs", () => {
    expect(outcomeFailure(outcome({ stoppedFor: { kind: "timeout", phase: "train:model", limitMs: 90_000 } }), "train:model", 4096)).toMatchObject({ kind: "timeout", phase: "train:model" });
    expect(outcomeFailure(outcome({ oomKilled: true }), "build:model", 1024)).toMatchObject({ kind: "memory", text: { params: { limitMb: 1024 } } });
    expect(outcomeFailure(outcome({ signal: null, exitCode: 134, stderrTail: "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory" }), "load", 4096).kind).toBe("memory");
    expect(outcomeFailure(outcome({ signal: "SIGSYS" }), "load", 4096).kind).toBe("sandbox");
    expect(outcomeFailure(outcome({ signal: "SIGXFSZ" }), "probe", 4096).text.en).toMatch(/writing a file/);
    expect(outcomeFailure(outcome({ stoppedFor: { kind: "sandbox", reason: "forged output on the grader's channel" } }), "probe", 4096).text.en).toMatch(/forged/);
  });
});
