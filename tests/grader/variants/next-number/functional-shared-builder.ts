// variant: both models with the functional API (tf.input / tf.model), one shared builder taking a layer factory, Adamax as an object (RMSProp, tried first, is unstable on this task: 3.5 to 10 points across seeds)
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 250, batchSize: 16 };

function forecaster(name: string, recurrent: (units: number) => tf.layers.Layer): tf.LayersModel {
  const sequence = tf.input({ shape: [5, 1], name: `${name}_sequence` });
  const state = recurrent(16).apply(sequence) as tf.SymbolicTensor;
  const next = tf.layers.dense({ units: 1, name: `${name}_next` }).apply(state) as tf.SymbolicTensor;
  const model = tf.model({ inputs: sequence, outputs: next, name });
  model.compile({ optimizer: tf.train.adamax(0.02), loss: "meanSquaredError" });
  return model;
}

export const buildRnn = (): tf.LayersModel => forecaster("rnn", (units) => tf.layers.simpleRNN({ units }));
export const buildLstm = (): tf.LayersModel => forecaster("lstm", (units) => tf.layers.lstm({ units }));
