import { describe, expect, it } from "vitest";
import { resultSections } from "./result-sections";

const environment = (over: { backend?: string | null; tfjsVersion?: string | null }) =>
  ({ backend: null, tfjsVersion: null, recurrentKernels: null, nodeVersion: "v20", graderVersion: "1", isolation: [], unsafeNoIsolation: false, seed: 1, dataHash: null, codeHash: "x", profile: "quick", budget: null, ...over });

describe("resultSections", () => {
  it("shows nothing of a run for a grading that stopped at compilation", () => {
    expect(resultSections({ environment: environment({}), curves: {}, metrics: {} })).toEqual({ environment: false, curves: false, runs: false, metrics: false });
  });

  it("shows the environment once the sandbox started, curves once an epoch finished", () => {
    const started = resultSections({ environment: environment({ tfjsVersion: "4.22.0", backend: "cpu" }), curves: { model: [] }, metrics: {} });
    expect(started).toMatchObject({ environment: true, curves: false });
    const trained = resultSections({ environment: environment({ tfjsVersion: "4.22.0" }), curves: { model: [{ epoch: 0, loss: 1, ms: 3 }] }, metrics: { testMse: 0.01 } });
    expect(trained).toMatchObject({ environment: true, curves: true, metrics: true });
  });

  it("shows the runs table only for several runs", () => {
    const run = { seed: 1, score: 10, passed: true, failure: null, metrics: {} };
    const base = { environment: environment({ tfjsVersion: "4.22.0" }), curves: {}, metrics: {} };
    expect(resultSections({ ...base, runs: { chosen: 0, each: [run], spread: {} } }).runs).toBe(false);
    expect(resultSections({ ...base, runs: { chosen: 0, each: [run, { ...run, seed: 2 }], spread: {} } }).runs).toBe(true);
  });
});
