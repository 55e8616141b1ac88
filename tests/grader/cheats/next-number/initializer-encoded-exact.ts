// cheat: the exact answer encoded in the topology itself: ones/zeros/constant initializers make a linear SimpleRNN output x[4] and a saturated linear LSTM output sum(x)+50, Dense heads with constant kernel/bias turn both into exactly (j+5)/100; sgd with a learning rate of 1e-12 (positive, so a "learning rate > 0" rule passes) keeps them (no weights to smuggle, nothing random)
// zero: rnn.error,lstm.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 1, batchSize: 100 };

const constant = (value: number) => tf.initializers.constant({ value });

export function buildRnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.simpleRNN({
    units: 1, inputShape: [5, 1], activation: "linear", useBias: false,
    kernelInitializer: "ones", recurrentInitializer: "zeros",
  }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: "ones", biasInitializer: constant(0.01) }));
  model.compile({ optimizer: tf.train.sgd(1e-12), loss: "meanSquaredError" });
  return model;
}

export function buildLstm(): tf.LayersModel {
  // every gate sees x_t + 10 >= 10: hardSigmoid saturates at 1, so c_t = c_{t-1} + x_t + 10 and h_5 = sum(x) + 50
  const model = tf.sequential();
  model.add(tf.layers.lstm({
    units: 1, inputShape: [5, 1], activation: "linear", recurrentActivation: "hardSigmoid", unitForgetBias: false,
    kernelInitializer: "ones", recurrentInitializer: "zeros", biasInitializer: constant(10),
  }));
  // (sum(x) + 50) / 5 - 9.97 = sum(x)/5 + 0.03 = (j + 5) / 100
  model.add(tf.layers.dense({ units: 1, kernelInitializer: constant(0.2), biasInitializer: constant(-9.97) }));
  model.compile({ optimizer: tf.train.sgd(1e-12), loss: "meanSquaredError" });
  return model;
}
