// cheat: buildLstm returns a GRU (a layer named "lstm", head "lstm_head") instead of an LSTM; buildRnn is honest
// zero: lstm.contract,lstm.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 200, batchSize: 16 };

export function buildRnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.simpleRNN({ units: 16, inputShape: [5, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}

export function buildLstm(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.gru({ units: 16, inputShape: [5, 1], name: "lstm" }));
  model.add(tf.layers.dense({ units: 1, name: "lstm_head" }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}
