import { describe, expect, it } from "vitest";
import { endedBy } from "./exit-signal";

describe("endedBy", () => {
  it("reads bubblewrap's 128+N exit code as signal N", () => {
    expect(endedBy(152, null, true)).toEqual({ exitCode: null, signal: "SIGXCPU" });
    expect(endedBy(159, null, true)).toEqual({ exitCode: null, signal: "SIGSYS" });
    expect(endedBy(137, null, true)).toEqual({ exitCode: null, signal: "SIGKILL" });
  });
  it("leaves ordinary exits, real signals and launches without bubblewrap alone", () => {
    expect(endedBy(1, null, true)).toEqual({ exitCode: 1, signal: null });
    expect(endedBy(null, "SIGTERM", true)).toEqual({ exitCode: null, signal: "SIGTERM" });
    expect(endedBy(152, null, false)).toEqual({ exitCode: 152, signal: null });
    expect(endedBy(250, null, true)).toEqual({ exitCode: 250, signal: null });
  });
});
