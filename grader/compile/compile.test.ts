import { describe, expect, it } from "vitest";
import { compileSubmission } from "./compile";

const tfImport = `import * as tf from "@tensorflow/tfjs";\n`;

describe("compileSubmission", () => {
  it("compiles a valid module and maps compiled positions back to .ts lines", async () => {
    const src = `${tfImport}\ninterface Opts { units: number }\n\nexport function build(o: Opts) {\n  throw new Error("boom " + o.units);\n}\n`;
    const out = await compileSubmission(src, { typeCheck: true });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const compiledLine = out.code.split("\n").findIndex((l) => l.includes("throw new Error")) + 1;
    const mapped = out.sourceMap.mapStack(`Error: boom\n    at build (submission.js:${compiledLine}:9)\n    at main (harness.cjs:1:1)`);
    expect(mapped.first?.line).toBe(6);
    expect(mapped.stack).toContain("submission.ts:6:");
    expect(mapped.stack).not.toContain("harness.cjs");
  });

  it("reports a syntax error with its line", async () => {
    const out = await compileSubmission(`${tfImport}export function f( {\n  return 1\n}\n`, { typeCheck: true });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.failure.kind).toBe("syntax");
    expect(out.failure.line).toBe(3);
  });

  it("reports a type error against TensorFlow.js's own types", async () => {
    const out = await compileSubmission(`${tfImport}export function f() {\n  const m = tf.sequential();\n  m.fitt();\n}\n`, { typeCheck: true });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.failure.kind).toBe("type");
    expect(out.failure.line).toBe(4);
    expect(out.failure.message).toMatch(/fitt/);
  });

  it("accepts the tfjs-node alias and rejects other imports, require and dynamic import", async () => {
    const ok = await compileSubmission(`import * as tf from "@tensorflow/tfjs-node";\nexport const n: number = tf.tensor([1]).size;\n`, { typeCheck: true });
    expect(ok.ok).toBe(true);
    for (const [src, line, mod] of [
      [`${tfImport}import * as fs from "fs";\n`, 2, "fs"],
      [`${tfImport}\nconst cp = require("child_process");\n`, 3, "child_process"],
      [`${tfImport}export async function f() { return import("node:net"); }\n`, 2, "node:net"],
      [`${tfImport}export * from "os";\n`, 2, "os"],
    ] as const) {
      const out = await compileSubmission(src, { typeCheck: true });
      expect(out.ok).toBe(false);
      if (out.ok) continue;
      expect(out.failure).toMatchObject({ kind: "import", line, params: { module: mod } });
    }
  });
});
