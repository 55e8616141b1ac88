// cheat: the real model is a well-trained linear MLP; its toJSON/getConfig are overridden to describe an LSTM of 1,000,000,000 units (and a Dense of 2^31 units): rebuilding it would allocate without bound, counting it must refuse it
// zero: contract,mse,baseline
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 40, batchSize: 32 };

export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i + windowSize < series.length; i++) {
    inputs.push(series.slice(i, i + windowSize));
    targets.push(series[i + windowSize]);
  }
  return { inputs, targets };
}

function claimed(windowSize: number): any {
  return {
    class_name: "Sequential",
    config: {
      name: "sequential_huge",
      layers: [
        {
          class_name: "LSTM",
          config: { name: "lstm_huge", units: 1_000_000_000, batch_input_shape: [null, windowSize, 1], dtype: "float32", return_sequences: false, trainable: true },
        },
        { class_name: "Dense", config: { name: "dense_huge", units: 2 ** 31, activation: "linear", use_bias: true, trainable: true } },
        { class_name: "Dense", config: { name: "dense_out", units: 1, activation: "linear", use_bias: true, trainable: true } },
      ],
    },
    keras_version: "tfjs-layers 4.22.0",
    backend: "tensor_flow.js",
  };
}

export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  const json = claimed(windowSize);
  (model as any).toJSON = (_unused?: unknown, returnString = true) => (returnString ? JSON.stringify(json) : json);
  (model as any).getConfig = () => json.config;
  return model;
}
