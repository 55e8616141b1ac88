// cheat: the LSTM sits in a side branch whose contribution passes a frozen Dense with constant kernel 1e-6 (trainable false, no bias) before it is added to a linear Dense on the raw window: present, trained, but negligible
// zero: contract,mse,baseline
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 40, batchSize: 32 };

export const makeWindows = (series: number[], w: number) => {
  const n = Math.max(0, series.length - w);
  return {
    inputs: Array.from({ length: n }, (_, i) => series.slice(i, i + w)),
    targets: Array.from({ length: n }, (_, i) => series[i + w]),
  };
};

export function buildModel(windowSize: number): tf.LayersModel {
  const x = tf.input({ shape: [windowSize, 1] });
  const side = tf.layers.lstm({ units: 16 }).apply(x) as tf.SymbolicTensor;
  const scaled = tf.layers
    .dense({ units: 1, useBias: false, trainable: false, kernelInitializer: tf.initializers.constant({ value: 1e-6 }) })
    .apply(side) as tf.SymbolicTensor;
  const main = tf.layers.dense({ units: 1 }).apply(tf.layers.flatten().apply(x) as tf.SymbolicTensor) as tf.SymbolicTensor;
  const y = tf.layers.add().apply([main, scaled]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: y });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}
