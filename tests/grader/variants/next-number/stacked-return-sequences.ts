// variant: two stacked recurrent layers per model (returnSequences on the first): SimpleRNN over SimpleRNN, LSTM over LSTM
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 250, batchSize: 16 };

function stacked(first: tf.layers.Layer, second: tf.layers.Layer): tf.LayersModel {
  const model = tf.sequential({ layers: [first, second, tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(0.005), loss: "meanSquaredError" });
  return model;
}

export function buildRnn(): tf.LayersModel {
  return stacked(tf.layers.simpleRNN({ units: 12, returnSequences: true, inputShape: [5, 1] }), tf.layers.simpleRNN({ units: 8 }));
}

export function buildLstm(): tf.LayersModel {
  return stacked(tf.layers.lstm({ units: 12, returnSequences: true, inputShape: [5, 1] }), tf.layers.lstm({ units: 8 }));
}
