// pipeline: off-by-one past the end: the last window's target is series[series.length], undefined
// failure: data
// message: targets[980] is not a finite number
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 25, batchSize: 32 };

export function makeWindows(series: number[], windowSize: number) {
  const inputs = [];
  const targets = [];
  for (let i = 0; i + windowSize <= series.length; i++) {
    inputs.push(series.slice(i, i + windowSize));
    targets.push(series[i + windowSize]);
  }
  return { inputs, targets };
}

export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 32, inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.003), loss: "meanSquaredError" });
  return model;
}
