// variant: the LSTM as tf.layers.rnn({ cell: tf.layers.lstmCell(...) }), trained on mean absolute error by name, windowSize 30, a reduce-based makeWindows
import * as tf from "@tensorflow/tfjs";

export const windowSize = 30;
export const training = { epochs: 30, batchSize: 32 };

export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  return series.reduce(
    (acc, value, t) => {
      if (t >= windowSize) {
        acc.inputs.push(series.slice(t - windowSize, t));
        acc.targets.push(value);
      }
      return acc;
    },
    { inputs: [] as number[][], targets: [] as number[] },
  );
}

export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.rnn({ cell: tf.layers.lstmCell({ units: 32 }), inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.005), loss: "meanAbsoluteError" });
  return model;
}
