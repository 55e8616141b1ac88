// pipeline: off-by-one: each window's target is its own last value (series[i + windowSize - 1]), so the model learns to repeat it
// failed: windows, mse
// note: first difference is window 0
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 25, batchSize: 32 };

export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (let start = 0; start + windowSize <= series.length - 1; start++) {
    const window = series.slice(start, start + windowSize);
    inputs.push(window);
    targets.push(window[window.length - 1]);
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
