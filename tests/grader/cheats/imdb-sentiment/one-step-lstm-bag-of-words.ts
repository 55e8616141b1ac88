// cheat: a bag-of-words classifier (Embedding -> GlobalAveragePooling1D) whose pooled vector is reshaped into a sequence of ONE step for the LSTM: the LSTM never recurs (its recurrent kernel multiplies a zero state), it is a gated Dense layer; word order is thrown away before it
// zero: contract,accuracy,majority
import * as tf from "@tensorflow/tfjs";

export const numWords = 10000;
export const maxLen = 200;
export const training = { epochs: 3, batchSize: 32 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  return sequences.map((seq) => {
    const kept = seq.length > maxLen ? seq.slice(seq.length - maxLen) : seq;
    return [...new Array<number>(maxLen - kept.length).fill(0), ...kept];
  });
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numWords, outputDim: 16, inputLength: maxLen }));
  model.add(tf.layers.globalAveragePooling1d());
  model.add(tf.layers.reshape({ targetShape: [1, 16] }));
  model.add(tf.layers.lstm({ units: 16 }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  model.compile({ optimizer: tf.train.adam(0.005), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}
