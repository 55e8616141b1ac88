// variant: a Bidirectional LSTM (concatenated directions) in a Sequential, SGD with momentum (tf.train.momentum), windowSize 15, makeWindows built with Array.from
import * as tf from "@tensorflow/tfjs";

export const windowSize = 15;
export const training = { epochs: 30, batchSize: 16 };

export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const count = Math.max(series.length - windowSize, 0);
  return {
    inputs: Array.from({ length: count }, (_, i) => Array.from({ length: windowSize }, (_, k) => series[i + k])),
    targets: Array.from({ length: count }, (_, i) => series[i + windowSize]),
  };
}

export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 16 }) as tf.RNN, inputShape: [windowSize, 1], mergeMode: "concat" }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.momentum(0.02, 0.9), loss: "meanSquaredError" });
  return model;
}
