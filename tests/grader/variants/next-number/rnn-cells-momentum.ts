// variant: generic tf.layers.rnn around a simpleRNNCell and an lstmCell, trained with SGD plus Nesterov momentum
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 300, batchSize: 10 };

function wrap(cell: Parameters<typeof tf.layers.rnn>[0]["cell"]): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.rnn({ cell, inputShape: [5, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.momentum(0.01, 0.9, true), loss: "meanSquaredError" });
  return model;
}

export function buildRnn(): tf.LayersModel {
  return wrap(tf.layers.simpleRNNCell({ units: 16 }));
}

export function buildLstm(): tf.LayersModel {
  return wrap(tf.layers.lstmCell({ units: 16 }));
}
