// cheat: the exact answer encoded in initializers (Ones/Zeros/Constant) of frozen layers, as in the team's initializer-exact-frozen-dummy cheat, but toJSON renames every "xxx_initializer" key to camelCase "xxxInitializer": the gate drops only keys ending in "_initializer", and tfjs's deserializer (toCamelCase) accepts both spellings
// zero: rnn.contract,lstm.contract,rnn.error,lstm.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 1, batchSize: 100 };

const c = (value: number) => tf.initializers.constant({ value });

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
function camel(v: Json): Json {
  if (Array.isArray(v)) return v.map(camel);
  if (v && typeof v === "object") {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[k.endsWith("_initializer") ? k.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()) : k] = camel(x);
    return out;
  }
  return v;
}
function withCamelInitializers(model: tf.LayersModel): tf.LayersModel {
  const original = model.toJSON.bind(model);
  (model as unknown as { toJSON: (u?: unknown, s?: boolean) => unknown }).toJSON = (_u?: unknown, asString = true) => {
    const json = camel(original(null, false) as Json);
    return asString ? JSON.stringify(json) : json;
  };
  return model;
}

/** head(recurrent(x)) + 0 * dummy(x): only the dummy is trainable, and its gradient is zero. */
function exact(recurrent: tf.layers.Layer, head: tf.layers.Layer): tf.LayersModel {
  const x = tf.input({ shape: [5, 1] });
  const y = head.apply(recurrent.apply(x)) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  const dummy = tf.layers.dense({ units: 1 }).apply(flat) as tf.SymbolicTensor;
  const zero = tf.layers.dense({ units: 1, kernelInitializer: "zeros", biasInitializer: "zeros", trainable: false }).apply(flat) as tf.SymbolicTensor;
  const nothing = tf.layers.multiply().apply([dummy, zero]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: tf.layers.add().apply([y, nothing]) as tf.SymbolicTensor });
  return withCamelInitializers(model);
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
