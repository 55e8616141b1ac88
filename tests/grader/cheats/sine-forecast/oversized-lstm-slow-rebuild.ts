// cheat: denial of service on the train sandbox: an honest-looking 2,000-unit LSTM (16 million parameters, far over the 50,000 budget) that is cheap to build where student code runs (the describe sandbox stubs the Orthogonal initialiser) but whose rebuild allocates 64 MB and runs Gram-Schmidt on a 2,000 x 8,000 recurrent kernel before anyone counts parameters
// zero: contract,mse,baseline
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
  model.add(tf.layers.lstm({ units: 2000, inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
