// variant: functional API with an Embedding that masks the padding (maskZero: true) so the LSTM skips it, and a loop-based padSequences
import * as tf from "@tensorflow/tfjs";

export const numWords = 10000;
export const maxLen = 200;
export const training = { epochs: 2, batchSize: 64 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  const padded: number[][] = [];
  for (const seq of sequences) {
    const row: number[] = [];
    const start = Math.max(0, seq.length - maxLen);
    for (let k = 0; k < maxLen - (seq.length - start); k++) row.push(0);
    for (let k = start; k < seq.length; k++) row.push(seq[k]);
    padded.push(row);
  }
  return padded;
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const ids = tf.input({ shape: [maxLen], name: "review" });
  const vectors = tf.layers.embedding({ inputDim: numWords, outputDim: 32, maskZero: true }).apply(ids) as tf.SymbolicTensor;
  const summary = tf.layers.lstm({ units: 32 }).apply(vectors) as tf.SymbolicTensor;
  const positive = tf.layers.dense({ units: 1, activation: "sigmoid", name: "positive" }).apply(summary) as tf.SymbolicTensor;
  const model = tf.model({ inputs: ids, outputs: positive });
  model.compile({ optimizer: tf.train.adam(0.002), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}
