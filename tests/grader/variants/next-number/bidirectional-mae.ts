// variant: each recurrent layer wrapped in tf.layers.bidirectional (summed directions), loss by name "meanAbsoluteError"
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 250, batchSize: 20 };

function both(layer: tf.RNN): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.bidirectional({ layer, mergeMode: "sum", inputShape: [5, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanAbsoluteError" });
  return model;
}

export function buildRnn(): tf.LayersModel {
  return both(tf.layers.simpleRNN({ units: 8 }) as tf.RNN);
}

export function buildLstm(): tf.LayersModel {
  return both(tf.layers.lstm({ units: 8 }) as tf.RNN);
}
