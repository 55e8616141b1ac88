// cheat: buildRnn returns an LSTM (well trained) instead of the required SimpleRNN, hoping "a recurrent layer" is enough; buildLstm is honest
// zero: rnn.contract,rnn.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 200, batchSize: 16 };

function build(recurrent: tf.layers.Layer): tf.LayersModel {
  const model = tf.sequential();
  model.add(recurrent);
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}

export function buildRnn(): tf.LayersModel {
  return build(tf.layers.lstm({ units: 16, inputShape: [5, 1], name: "simple_rnn" }));
}

export function buildLstm(): tf.LayersModel {
  return build(tf.layers.lstm({ units: 16, inputShape: [5, 1] }));
}
