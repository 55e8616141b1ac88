// cheat: functional model where the LSTM feeds a frozen all-zero Dense (no bias, trainable false) that is added to a trained linear Dense on the flattened raw window: the LSTM is in the graph but contributes exactly 0
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

export function buildModel(windowSize: number): tf.LayersModel {
  const input = tf.input({ shape: [windowSize, 1] });
  const rec = tf.layers.lstm({ units: 8 }).apply(input) as tf.SymbolicTensor;
  const muted = tf.layers
    .dense({ units: 1, kernelInitializer: "zeros", useBias: false, trainable: false })
    .apply(rec) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const linear = tf.layers.dense({ units: 1 }).apply(flat) as tf.SymbolicTensor;
  const out = tf.layers.add().apply([linear, muted]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}
