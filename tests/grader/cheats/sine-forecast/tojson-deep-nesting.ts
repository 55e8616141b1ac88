// cheat: a well-trained linear MLP whose toJSON returns a topology with a layer config nested 200,000 levels deep (as a string when asked for one, as an object otherwise): recursive parsing, validation or serialising must fail cleanly, not overflow the grader's stack
// zero: contract,mse,baseline
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 40, batchSize: 32 };

const DEPTH = 200_000;

export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i + windowSize < series.length; i++) {
    inputs.push(series.slice(i, i + windowSize));
    targets.push(series[i + windowSize]);
  }
  return { inputs, targets };
}

function deepObject(): any {
  let v: any = { units: 8 };
  for (let i = 0; i < DEPTH; i++) v = { config: v, class_name: "LSTM" };
  return v;
}

function deepString(windowSize: number): string {
  const inner = "[".repeat(DEPTH) + "1" + "]".repeat(DEPTH);
  return (
    `{"class_name":"Sequential","config":{"name":"deep","layers":[` +
    `{"class_name":"LSTM","config":{"name":"lstm","units":8,"batch_input_shape":[null,${windowSize},1],"nested":${inner}}},` +
    `{"class_name":"Dense","config":{"name":"dense","units":1}}]},"keras_version":"tfjs-layers 4.22.0","backend":"tensor_flow.js"}`
  );
}

export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  const text = deepString(windowSize);
  const object = {
    class_name: "Sequential",
    config: { name: "deep", layers: [{ class_name: "LSTM", config: deepObject() }, { class_name: "Dense", config: { name: "dense", units: 1 } }] },
  };
  (model as any).toJSON = (_unused?: unknown, returnString = true) => (returnString ? text : object);
  (model as any).getConfig = () => object.config;
  return model;
}
