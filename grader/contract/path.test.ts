import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { validateDescription } from "./description";
import { modelHoldsOnPath } from "./path";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** The topology as the gate passes it on (canonical keys). */
const canonical = (json: unknown) => {
  const r = validateDescription(JSON.stringify(json), null);
  if (!r.ok) throw new Error(r.problem.code);
  return r.value.topology as { config: { layers: { className: string; name: string; inboundNodes: unknown }[] } };
};
const topology = (m: tf.LayersModel) => canonical(JSON.parse(m.toJSON(null, true) as string));

describe("a required layer on the path to the output", () => {
  it("finds it in a Sequential model, inside a Bidirectional, and as an RNN over its cell", () => {
    const seq = tf.sequential({ layers: [tf.layers.lstm({ units: 2, inputShape: [5, 1] }), tf.layers.dense({ units: 1 })] });
    expect(modelHoldsOnPath(topology(seq), "LSTM")).toBe(true);
    expect(modelHoldsOnPath(topology(seq), "SimpleRNN")).toBe(false);
    const bi = tf.sequential({ layers: [tf.layers.bidirectional({ layer: tf.layers.gru({ units: 2 }) as tf.layers.RNN, inputShape: [5, 1] }), tf.layers.dense({ units: 1 })] });
    expect(modelHoldsOnPath(topology(bi), "GRU")).toBe(true);
    const cell = tf.sequential({ layers: [tf.layers.rnn({ cell: tf.layers.simpleRNNCell({ units: 2 }), inputShape: [5, 1] }), tf.layers.dense({ units: 1 })] });
    expect(modelHoldsOnPath(topology(cell), "SimpleRNN")).toBe(true);
  });

  it("follows a functional model's inbound nodes back from its output", () => {
    const input = tf.input({ shape: [5, 1] });
    const lstm = tf.layers.lstm({ units: 2 }).apply(input) as tf.SymbolicTensor;
    const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 1 }).apply(tf.layers.concatenate().apply([lstm, flat]) as tf.SymbolicTensor) as tf.SymbolicTensor;
    const json = topology(tf.model({ inputs: input, outputs: out }));
    expect(modelHoldsOnPath(json, "LSTM")).toBe(true);
    // A description that lists the LSTM but routes the output around it.
    const dense = json.config.layers.find((l) => l.className === "Dense")!;
    dense.inboundNodes = [[[json.config.layers.find((l) => l.className === "Flatten")!.name, 0, 0, {}]]];
    expect(modelHoldsOnPath(json, "LSTM")).toBe(false);
    // Output names that are not strings name nothing (and crash nothing).
    expect(modelHoldsOnPath({ ...json, config: { ...json.config, outputLayers: [[{ toString: 1 }, 0, 0]] } }, "LSTM")).toBe(false);
  });

  it("looks inside a nested model", () => {
    const inner = tf.sequential({ layers: [tf.layers.lstm({ units: 2, inputShape: [5, 1] })] });
    const input = tf.input({ shape: [5, 1] });
    const out = tf.layers.dense({ units: 1 }).apply(inner.apply(input) as tf.SymbolicTensor) as tf.SymbolicTensor;
    expect(modelHoldsOnPath(topology(tf.model({ inputs: input, outputs: out })), "LSTM")).toBe(true);
  });
});
