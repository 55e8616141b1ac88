// cheat: no learning: layer.setWeights turns a linear 40-unit LSTM into a shift register holding the window and sets the Dense head to the Wiener filter solved from the sine's known autocovariance; a learning rate of 1e-12 keeps them through fit
// zero: mse,baseline
import * as tf from "@tensorflow/tfjs";

export const windowSize = 40;
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

/** Best linear predictor of x[t+1] from x[t-w+1..t] for sin(0.1 t + phase) + N(0, 0.1^2). */
function wienerFilter(w: number): number[] {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < w; i++) {
    a.push(Array.from({ length: w }, (_, j) => 0.5 * Math.cos(0.1 * (i - j)) + (i === j ? 0.01 : 0)));
    b.push(0.5 * Math.cos(0.1 * (w - i)));
  }
  for (let c = 0; c < w; c++) {
    let p = c;
    for (let r = c + 1; r < w; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    [b[c], b[p]] = [b[p], b[c]];
    for (let r = 0; r < w; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let k = c; k < w; k++) a[r][k] -= f * a[c][k];
      b[r] -= f * b[c];
    }
  }
  return b.map((v, i) => v / a[i][i]);
}

export function buildModel(windowSize: number): tf.LayersModel {
  const u = windowSize;
  const lstm = tf.layers.lstm({ units: u, inputShape: [windowSize, 1], activation: "linear", recurrentActivation: "hardSigmoid" });
  const head = tf.layers.dense({ units: 1 });
  const model = tf.sequential({ layers: [lstm, head] });

  // gates (order i, f, c, o): input and output gates open, forget gate shut; candidate = [x_t, h_{t-1}[0..u-2]]
  const kernel = new Float32Array(4 * u);
  kernel[2 * u] = 1;
  const recurrent = new Float32Array(u * 4 * u);
  for (let k = 1; k < u; k++) recurrent[(k - 1) * 4 * u + 2 * u + k] = 1;
  const bias = new Float32Array(4 * u);
  for (let k = 0; k < u; k++) {
    bias[k] = 10;
    bias[u + k] = -10;
    bias[3 * u + k] = 10;
  }
  lstm.setWeights([tf.tensor2d(kernel, [1, 4 * u]), tf.tensor2d(recurrent, [u, 4 * u]), tf.tensor1d(bias)]);
  const f = wienerFilter(windowSize);
  // h_T[k] = window[w-1-k]
  head.setWeights([tf.tensor2d(f.map((_, k) => f[windowSize - 1 - k]), [u, 1]), tf.zeros([1])]);

  model.compile({ optimizer: tf.train.sgd(1e-12), loss: "meanSquaredError" });
  return model;
}
