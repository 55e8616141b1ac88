// variant: buildLstm reads the sequence with an LSTM and a GRU side by side (concatenated before the head); buildRnn uses a SimpleRNN with a relu hidden Dense
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 200, batchSize: 16 };

export function buildRnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.simpleRNN({ units: 16, inputShape: [5, 1] }));
  model.add(tf.layers.dense({ units: 8, activation: "relu" }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}

export function buildLstm(): tf.LayersModel {
  const x = tf.input({ shape: [5, 1] });
  const lstm = tf.layers.lstm({ units: 12 }).apply(x) as tf.SymbolicTensor;
  const gru = tf.layers.gru({ units: 8 }).apply(x) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([lstm, gru]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: tf.layers.dense({ units: 1 }).apply(joined) as tf.SymbolicTensor });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}
