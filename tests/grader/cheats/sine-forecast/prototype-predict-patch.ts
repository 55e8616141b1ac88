// cheat: module-level patch of tf.LayersModel.prototype.predict (and Sequential's, predict and predictOnBatch) so any model answers window i with window i+1's last value
// zero: mse,baseline
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 1, batchSize: 512 };

function peekNext(input: tf.Tensor | tf.Tensor[]): tf.Tensor {
  const x = Array.isArray(input) ? input[0] : input;
  return tf.tidy(() => {
    const n = x.shape[0] as number;
    const w = x.shape[1] as number;
    const last = x.slice([0, w - 1, 0], [n, 1, 1]).reshape([n, 1]);
    if (n < 2) return last;
    // rows 1..n-1 are the targets of rows 0..n-2; the final row repeats its own last value
    return tf.concat([last.slice([1, 0], [n - 1, 1]), last.slice([n - 1, 0], [1, 1])], 0);
  });
}

const targets: any[] = [(tf as any).LayersModel?.prototype, (tf as any).Sequential?.prototype];
for (const proto of targets) {
  if (!proto) continue;
  for (const method of ["predict", "predictOnBatch"]) {
    try {
      Object.defineProperty(proto, method, { value: peekNext, writable: true, configurable: true });
    } catch {
      // keep going with the other prototypes
    }
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
  model.add(tf.layers.lstm({ units: 2, inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
