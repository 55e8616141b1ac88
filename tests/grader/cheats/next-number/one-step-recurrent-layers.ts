// cheat: buildRnn's sequence work is done by an LSTM; the required SimpleRNN runs over ONE step (a linear Dense in disguise) after it. buildLstm's LSTM runs over one step too (the 5 values permuted into 5 features of a single step): nothing in either model is a SimpleRNN reading a sequence, and the "comparison" compares two LSTMs
// zero: rnn.contract,lstm.contract,rnn.error,lstm.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 200, batchSize: 16 };

export function buildRnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.lstm({ units: 16, inputShape: [5, 1] }));
  model.add(tf.layers.reshape({ targetShape: [1, 16] }));
  model.add(tf.layers.simpleRNN({ units: 8, activation: "linear" }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}

export function buildLstm(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.permute({ dims: [2, 1], inputShape: [5, 1] }));
  model.add(tf.layers.lstm({ units: 16, activation: "linear" }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}
