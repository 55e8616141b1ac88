import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_TOPOLOGY_CLASSES, LOSS_NAMES, METRIC_NAMES, OPTIMIZER_CLASSES } from "./allowed-classes";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("the classes a description may name", () => {
  it("are all tfjs's own, registered by tfjs itself", () => {
    const registry = (tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Record<string, unknown> }).classNameMap;
    const missing = [...ALLOWED_TOPOLOGY_CLASSES, ...OPTIMIZER_CLASSES].filter((c) => !(c in registry) && c !== "Functional");
    expect(missing).toEqual([]);
  });

  it("losses and metrics by name are ones tfjs compiles", () => {
    for (const loss of LOSS_NAMES) {
      const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
      expect(() => m.compile({ optimizer: "sgd", loss }), loss).not.toThrow();
    }
    for (const metric of METRIC_NAMES) {
      const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
      expect(() => m.compile({ optimizer: "sgd", loss: "meanSquaredError", metrics: [metric] }), metric).not.toThrow();
    }
  });
});
