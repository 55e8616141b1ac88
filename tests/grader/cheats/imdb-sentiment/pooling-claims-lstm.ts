// cheat: no recurrent layer: Embedding -> GlobalMaxPooling1D -> Dense, where the pooling layer's instance getClassName() answers "LSTM" (and it is named "lstm")
// zero: contract,accuracy,majority
import * as tf from "@tensorflow/tfjs";

export const numWords = 10000;
export const maxLen = 200;
export const training = { epochs: 3, batchSize: 32 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  const out: number[][] = [];
  for (const seq of sequences) {
    const row = new Array<number>(maxLen).fill(0);
    const n = Math.min(seq.length, maxLen);
    for (let k = 0; k < n; k++) row[maxLen - 1 - k] = seq[seq.length - 1 - k];
    out.push(row);
  }
  return out;
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numWords, outputDim: 16, inputLength: maxLen }));
  const pool = tf.layers.globalMaxPooling1d({ name: "lstm" });
  (pool as any).getClassName = () => "LSTM";
  model.add(pool);
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  model.compile({ optimizer: tf.train.adam(0.005), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}
