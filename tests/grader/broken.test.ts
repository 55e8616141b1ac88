/**
 * A battery of broken submissions: each must end with the right failure kind, the line of
 * the student's own code where there is one, and a message in both languages.
 */
import { describe, expect, it } from "vitest";
import { grade, lineOf } from "./grade";

const head = `import * as tf from "@tensorflow/tfjs";\n`;
const rnn = (body: string) => `${head}
export const training = { epochs: 2, batchSize: 32 };
function build(layer: tf.layers.Layer): tf.LayersModel {
  const m = tf.sequential();
  m.add(layer);
  m.add(tf.layers.dense({ units: 1 }));
  return m;
}
export function buildRnn(): tf.LayersModel { return build(tf.layers.simpleRNN({ units: 4, inputShape: [5, 1] })); }
${body}
`;

interface Case {
  name: string;
  task: string;
  code: string;
  kind: string;
  /** The marker whose line the failure must point at. */
  at?: string;
  message?: RegExp;
}

const cases: Case[] = [
  { name: "syntax error", task: "next-number", code: `${head}export function buildRnn() {\n  return tf.sequential(; // SYNTAX\n}\n`, kind: "syntax", at: "SYNTAX" },
  {
    name: "type error",
    task: "next-number",
    code: rnn(`export function buildLstm(): tf.LayersModel {\n  const units: number = "eight"; // TYPE\n  return build(tf.layers.lstm({ units, inputShape: [5, 1] }));\n}`),
    kind: "type",
    at: "TYPE",
  },
  { name: "disallowed import", task: "next-number", code: `${head}import { readFileSync } from "node:fs"; // IMPORT\nexport const x = readFileSync;\n`, kind: "import", at: "IMPORT" },
  {
    name: "missing export (and what was found)",
    task: "next-number",
    code: rnn(`export function buildLSTM(): tf.LayersModel { return build(tf.layers.lstm({ units: 4, inputShape: [5, 1] })); }`),
    kind: "export",
    message: /buildLstm.*buildLSTM/s,
  },
  {
    name: "export of the wrong kind",
    task: "next-number",
    code: rnn(`export const buildLstm = 42;`),
    kind: "export",
    message: /buildLstm/,
  },
  {
    name: "build function that returns no model",
    task: "next-number",
    code: rnn(`export function buildLstm(): tf.LayersModel { return undefined as unknown as tf.LayersModel; }`),
    kind: "export",
    message: /buildLstm\(\).*undefined/,
  },
  {
    name: "exception in the student's code, stack mapped to their line",
    task: "next-number",
    code: rnn(`function helper(n: number): number {\n  if (n > 0) throw new Error("units must be configured"); // THROW\n  return n;\n}\nexport function buildLstm(): tf.LayersModel { return build(tf.layers.lstm({ units: helper(4), inputShape: [5, 1] })); }`),
    kind: "exception",
    at: "THROW",
    message: /units must be configured/,
  },
  {
    name: "exception inside TensorFlow.js, pointed at the student's call",
    task: "next-number",
    code: rnn(`export function buildLstm(): tf.LayersModel {\n  const m = tf.sequential();\n  m.add(tf.layers.lstm({ units: 4, inputShape: [5, 1] }));\n  m.add(tf.layers.lstm({ units: 4 })); // BADLAYER\n  return m;\n}`),
    kind: "exception",
    at: "BADLAYER",
  },
  {
    name: "wrong model shape",
    task: "next-number",
    code: rnn(`export function buildLstm(): tf.LayersModel { return build(tf.layers.lstm({ units: 4, inputShape: [6, 1] })); }`),
    kind: "shape",
    message: /\[null,6,1\]/,
  },
  {
    name: "training settings over budget",
    task: "sine-forecast",
    code: `${head}export const training = { epochs: 5000 };\nexport function makeWindows() { return { inputs: [], targets: [] }; }\nexport function buildModel(w: number): tf.LayersModel { return tf.sequential(); }\n`,
    kind: "budget",
    message: /epochs.*5000/,
  },
  {
    name: "exported constant out of range",
    task: "sine-forecast",
    code: `${head}export const windowSize = 1000;\nexport function makeWindows() { return { inputs: [], targets: [] }; }\nexport function buildModel(w: number): tf.LayersModel { return tf.sequential(); }\n`,
    kind: "export",
    message: /windowSize/,
  },
  {
    name: "exported constant that JSON cannot carry",
    task: "sine-forecast",
    code: `${head}export const windowSize = Infinity;\nexport function makeWindows() { return { inputs: [], targets: [] }; }\nexport function buildModel(w: number): tf.LayersModel { return tf.sequential(); }\n`,
    kind: "export",
    message: /windowSize.*Infinity/,
  },
  {
    name: "NaN predictions after a diverging training",
    task: "next-number",
    code: `${head}
export const training = { epochs: 3, batchSize: 100 };
function build(layer: tf.layers.Layer): tf.LayersModel {
  const m = tf.sequential();
  m.add(layer);
  m.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.constant({ value: 1e30 }) }));
  m.compile({ optimizer: tf.train.sgd(1e30), loss: "meanSquaredError" });
  return m;
}
export function buildRnn(): tf.LayersModel { return build(tf.layers.simpleRNN({ units: 4, inputShape: [5, 1] })); }
export function buildLstm(): tf.LayersModel { return build(tf.layers.lstm({ units: 4, inputShape: [5, 1] })); }
`,
    kind: "nan",
  },
];

describe("the instructor's training budget", () => {
  it("lowers the task's epoch cap: over it is a budget failure, within it grades", async () => {
    const code = `${head}export const training = { epochs: 50 };\nexport function makeWindows() { return { inputs: [], targets: [] }; }\nexport function buildModel(w: number): tf.LayersModel { return tf.sequential(); }\n`;
    const r = await grade("sine-forecast", code, { overrides: { maxEpochs: 20 } });
    expect(r.failure?.kind).toBe("budget");
    expect(r.failure?.text.en).toMatch(/1\.\.20/);
    const ok = await grade("sine-forecast", code.replace("epochs: 50", "epochs: 20"), { overrides: { maxEpochs: 20 } });
    expect(ok.failure?.kind).not.toBe("budget");
  });
});

describe("broken submissions", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await grade(c.task, c.code);
      expect(r.passed).toBe(false);
      expect(r.failure?.kind, JSON.stringify(r.failure)).toBe(c.kind);
      if (c.at) expect(r.failure?.line).toBe(lineOf(c.code, c.at));
      if (c.message) expect(`${r.failure?.message}\n${r.failure?.text.en}`).toMatch(c.message);
      expect(r.failure?.text["pt-BR"].length).toBeGreaterThan(10);
      expect(r.failure?.text["pt-BR"]).not.toBe(r.failure?.text.en);
      // Every check is still listed, so the student sees what was not graded.
      expect(r.checks.length).toBeGreaterThan(0);
      expect(r.maxScore).toBe(10);
    });
  }
});
