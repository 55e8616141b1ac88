// cheat: both models add a linear Dense on the flattened sequence (which solves the task) to the recurrent layer's output scaled by a frozen constant 1e-6 Dense: SimpleRNN and LSTM are there, trained, and irrelevant. The grader drops the Constant initializer, so each frozen scale becomes a random weight: the SimpleRNN branch then carries real work and earns its contract (swapping it raises the error by ~30% of the targets' variance), the LSTM branch still does not
// zero: lstm.contract,lstm.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 200, batchSize: 16 };

function withSkip(recurrent: tf.layers.Layer): tf.LayersModel {
  const x = tf.input({ shape: [5, 1] });
  const r = recurrent.apply(x) as tf.SymbolicTensor;
  const tiny = tf.layers
    .dense({ units: 1, useBias: false, trainable: false, kernelInitializer: tf.initializers.constant({ value: 1e-6 }) })
    .apply(r) as tf.SymbolicTensor;
  const skip = tf.layers.dense({ units: 1 }).apply(tf.layers.flatten().apply(x) as tf.SymbolicTensor) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: tf.layers.add().apply([skip, tiny]) as tf.SymbolicTensor });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}

export const buildRnn = (): tf.LayersModel => withSkip(tf.layers.simpleRNN({ units: 8 }));
export const buildLstm = (): tf.LayersModel => withSkip(tf.layers.lstm({ units: 8 }));
