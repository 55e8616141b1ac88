// cheat: a linear Flatten->Dense model (no recurrence) whose Dense instance and whole model answer getClassName() with "LSTM"
// zero: contract,mse,baseline
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
// Honest training of the linear model is good: only the contract can stop it.
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
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [windowSize, 1] }));
  const dense = tf.layers.dense({ units: 1, name: "lstm" });
  (dense as any).getClassName = () => "LSTM";
  model.add(dense);
  (model as any).getClassName = () => "LSTM";
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}
