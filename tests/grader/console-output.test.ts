/**
 * The output a student sees is their own: console.log and console.warn from their code stay,
 * model.summary() (which they asked for) stays, TensorFlow.js's own warnings do not.
 */
import { describe, expect, it } from "vitest";
import { grade } from "./grade";

const code = `import * as tf from "@tensorflow/tfjs";
export const training = { epochs: 1, batchSize: 50 };
console.log("student log line");
function model(layer: tf.layers.Layer): tf.LayersModel {
  const m = tf.sequential();
  m.add(layer);
  m.add(tf.layers.dense({ units: 1 }));
  return m;
}
export function buildRnn(): tf.LayersModel {
  console.warn("student warning line");
  const m = model(tf.layers.simpleRNN({ units: 2, inputShape: [5, 1] }));
  m.summary();
  // Orthogonal on more than 2000 elements: tfjs warns that it is slow.
  tf.initializers.orthogonal({}).apply([60, 60]).dispose();
  return m;
}
// implementation: 0 is deprecated: tfjs says so with a console.warn of its own.
export function buildLstm(): tf.LayersModel { return model(tf.layers.lstm({ units: 2, inputShape: [5, 1], implementation: 0 })); }
`;

describe("the student's output", () => {
  it("keeps the student's lines and drops TensorFlow.js's warnings", async () => {
    const r = await grade("next-number", code);
    expect(r.logs.text).toContain("student log line");
    expect(r.logs.text).toContain("student warning line");
    expect(r.logs.text).toContain("Total params");
    expect(r.logs.text).not.toMatch(/running TensorFlow\.js in Node/);
    expect(r.logs.text).not.toMatch(/Orthogonal initializer/);
    expect(r.logs.text).not.toMatch(/implementation=0/);
  });
});
