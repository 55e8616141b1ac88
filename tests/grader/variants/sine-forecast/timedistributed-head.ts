// variant: LSTM over the window with returnSequences, a timeDistributed Dense per step, Flatten and a Dense read-out; adam by name ("adam", lr 0.001) with smaller batches; makeWindows from a generator
import * as tf from "@tensorflow/tfjs";

export const windowSize = 12;
export const training = { epochs: 30, batchSize: 16 };

function* windows(series: number[], size: number): Generator<[number[], number]> {
  for (let i = 0; i + size < series.length; i++) yield [series.slice(i, i + size), series[i + size]];
}

export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (const [input, target] of windows(series, windowSize)) {
    inputs.push(input);
    targets.push(target);
  }
  return { inputs, targets };
}

export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 16, returnSequences: true, inputShape: [windowSize, 1] }));
  model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 4, activation: "tanh" }) }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: "adam", loss: "meanSquaredError" });
  return model;
}
