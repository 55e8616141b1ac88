// cheat: the recurrent output is multiplied (tf.layers.multiply) by a branch that is always 0 (a frozen Dense with zero kernel and bias on the input), then added to a linear skip Dense that solves the task; for both models
// zero: rnn.contract,lstm.contract,rnn.error,lstm.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 200, batchSize: 16 };

function muted(kind: "rnn" | "lstm"): tf.LayersModel {
  const x = tf.input({ shape: [5, 1] });
  const rec = (kind === "rnn" ? tf.layers.simpleRNN({ units: 8 }) : tf.layers.lstm({ units: 8 })).apply(x) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const zero = tf.layers
    .dense({ units: 8, kernelInitializer: "zeros", biasInitializer: "zeros", trainable: false })
    .apply(flat) as tf.SymbolicTensor;
  const killed = tf.layers.multiply().apply([rec, zero]) as tf.SymbolicTensor;
  const merged = tf.layers.concatenate().apply([flat, killed]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: tf.layers.dense({ units: 1 }).apply(merged) as tf.SymbolicTensor });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}

export const buildRnn = () => muted("rnn");
export const buildLstm = () => muted("lstm");
