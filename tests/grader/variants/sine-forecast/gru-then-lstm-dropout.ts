// variant: a GRU (returnSequences) feeding the required LSTM, with dropout and recurrentDropout on the LSTM, windowSize 25, makeWindows with an explicit index loop over subarrays
import * as tf from "@tensorflow/tfjs";

export const windowSize = 25;
export const training = { epochs: 30, batchSize: 32 };

export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (let end = windowSize; end < series.length; end++) {
    inputs.push(series.slice(end - windowSize, end));
    targets.push(series[end]);
  }
  return { inputs, targets };
}

export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.gru({ units: 16, returnSequences: true, inputShape: [windowSize, 1] }));
  model.add(tf.layers.lstm({ units: 16, dropout: 0.1, recurrentDropout: 0.1 }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.005), loss: "meanSquaredError" });
  return model;
}
