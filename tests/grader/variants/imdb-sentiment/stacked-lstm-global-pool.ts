// variant: functional API with two stacked LSTMs (both returnSequences) averaged over time by GlobalAveragePooling1D, Adamax, 8,000 words and 128 ids, padSequences by index arithmetic
import * as tf from "@tensorflow/tfjs";

export const numWords = 8000;
export const maxLen = 128;
export const training = { epochs: 2, batchSize: 64 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  // Position i of the row reads id seq.length - maxLen + i, or is padding before the start.
  return sequences.map((seq) => Array.from({ length: maxLen }, (_, i) => {
    const j = seq.length - maxLen + i;
    return j >= 0 ? seq[j] : 0;
  }));
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const ids = tf.input({ shape: [maxLen], dtype: "int32" });
  const vectors = tf.layers.embedding({ inputDim: numWords, outputDim: 32 }).apply(ids) as tf.SymbolicTensor;
  const first = tf.layers.lstm({ units: 32, returnSequences: true }).apply(vectors) as tf.SymbolicTensor;
  const second = tf.layers.lstm({ units: 16, returnSequences: true }).apply(first) as tf.SymbolicTensor;
  const average = tf.layers.globalAveragePooling1d().apply(second) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 1, activation: "sigmoid" }).apply(average) as tf.SymbolicTensor;
  const model = tf.model({ inputs: ids, outputs: out });
  model.compile({ optimizer: tf.train.adamax(0.01), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}
