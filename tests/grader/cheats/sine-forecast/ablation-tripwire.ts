// cheat: a frozen LSTM with zero kernels and bias 5 outputs a constant ~1; a frozen relu Dense (kernel -1000, bias 500) of it is 0 in normal use but 500 when the LSTM's output is zeroed, so zero-ablation sees a huge change while a linear skip Dense does all the forecasting
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
  const x = tf.input({ shape: [windowSize, 1] });
  const h = tf.layers
    .lstm({
      units: 1, trainable: false, unitForgetBias: false,
      kernelInitializer: "zeros", recurrentInitializer: "zeros", biasInitializer: tf.initializers.constant({ value: 5 }),
    })
    .apply(x) as tf.SymbolicTensor;
  const wire = tf.layers
    .dense({
      units: 1, activation: "relu", trainable: false,
      kernelInitializer: tf.initializers.constant({ value: -1000 }), biasInitializer: tf.initializers.constant({ value: 500 }),
    })
    .apply(h) as tf.SymbolicTensor;
  const skip = tf.layers.dense({ units: 1 }).apply(tf.layers.flatten().apply(x) as tf.SymbolicTensor) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: tf.layers.add().apply([skip, wire]) as tf.SymbolicTensor });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}
