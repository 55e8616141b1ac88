// pipeline: shifts every id up by one "to keep 0 for padding", so the largest id reaches numWords, outside the Embedding
// failure: data
// message: every id must be an integer from 0 to 4999
import * as tf from "@tensorflow/tfjs";

export const numWords = 5000;
export const maxLen = 100;
export const training = { epochs: 1, batchSize: 64 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  return sequences.map((seq) => {
    const shifted = seq.map((id) => id + 1);
    const kept = shifted.slice(-maxLen);
    return Array(maxLen - kept.length).fill(0).concat(kept);
  });
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numWords, outputDim: 16, inputLength: maxLen }));
  model.add(tf.layers.lstm({ units: 16 }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  return model;
}
