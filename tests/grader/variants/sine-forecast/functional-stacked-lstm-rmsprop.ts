// variant: functional API (tf.input / tf.model) with two stacked LSTMs (returnSequences on the first), RMSProp given as an object, a while-loop makeWindows
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 30, batchSize: 16 };

export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  let start = 0;
  while (start + windowSize < series.length) {
    const window: number[] = [];
    for (let k = 0; k < windowSize; k++) window.push(series[start + k]);
    inputs.push(window);
    targets.push(series[start + windowSize]);
    start += 1;
  }
  return { inputs, targets };
}

export function buildModel(windowSize: number): tf.LayersModel {
  const input = tf.input({ shape: [windowSize, 1], name: "window" });
  const first = tf.layers.lstm({ units: 24, returnSequences: true }).apply(input) as tf.SymbolicTensor;
  const second = tf.layers.lstm({ units: 16 }).apply(first) as tf.SymbolicTensor;
  const next = tf.layers.dense({ units: 1, name: "next_value" }).apply(second) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: next, name: "stacked_forecaster" });
  model.compile({ optimizer: tf.train.rmsprop(0.001), loss: "meanSquaredError" });
  return model;
}
