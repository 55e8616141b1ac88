// cheat: training says 1 epoch of batch 512 (2 steps) but the model's own fit property runs 40 epochs of batch 32 (and ignores the epochs/batchSize it is given)
// zero: mse,baseline
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 1, batchSize: 512 };

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
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 32, inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.003), loss: "meanSquaredError" });
  const realFit = model.fit.bind(model);
  (model as any).fit = (x: tf.Tensor, y: tf.Tensor, args: tf.ModelFitArgs = {}) =>
    realFit(x, y, { ...args, epochs: 40, batchSize: 32 });
  return model;
}
