/**
 * The layers through gradeSubmission itself: a grading's result lists every layer the host
 * supports (found independently, host-layers.ts), and an attack with the layer that usually
 * stops it switched off is still stopped by the next one, with the verdict a student would see.
 */
import { afterEach, describe, expect, it } from "vitest";
import { grade } from "../grader/grade";
import { hostLayers } from "./host-layers";

const head = `import * as tf from "@tensorflow/tfjs";
const host: any = (globalThis as any).process;
export const training = { epochs: 1, batchSize: 50 };
export function buildLstm(): tf.LayersModel { return tf.sequential(); }
`;
const attack = (body: string) => `${head}export function buildRnn(): tf.LayersModel {\n${body}\n  return tf.sequential();\n}\n`;
const host = hostLayers();

afterEach(() => {
  delete process.env.TREINO_TEST_HARNESS;
  delete process.env.TREINO_TEST_DISABLE_LAYER;
});

describe("layers in a grading's result", () => {
  it(`lists every layer this host supports (${host.layers.join(", ")}), none disabled`, async () => {
    const r = await grade("next-number", attack(`  throw new Error("stop here");`));
    expect(r.failure?.kind).toBe("exception");
    const missing = host.layers.filter((l) => !r.environment.isolation.includes(l));
    expect(missing).toEqual([]);
    expect(r.environment.isolation.filter((l) => /DISABLED/.test(l))).toEqual([]);
    expect(r.environment.unsafeNoIsolation).toBe(false);
  });

  it.skipIf(!host.layers.includes("seccomp"))("spawn with Node's permission model off: seccomp still stops it (EPERM), a sandbox failure, and the result says the layer was off", async () => {
    process.env.TREINO_TEST_HARNESS = "1";
    process.env.TREINO_TEST_DISABLE_LAYER = "node-permission";
    const r = await grade("next-number", attack(`  host.mainModule.require("child_process").execFileSync("/usr/bin/node", ["-e", "0"]);`));
    expect(r.environment.isolation).toContain("node-permission DISABLED for a test");
    expect(r.environment.isolation).not.toContain("node-permission");
    expect(r.environment.isolation).toContain("seccomp");
    expect(r.failure?.kind).toBe("sandbox");
    expect(r.failure?.message).toMatch(/EPERM/);
    expect(r.failure?.message).not.toMatch(/ERR_ACCESS_DENIED/);
  });
});
