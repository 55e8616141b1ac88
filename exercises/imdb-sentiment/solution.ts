// Reference solution for imdb-sentiment. Kept out of students' sight by the platform.
import * as tf from "@tensorflow/tfjs";

export const numWords = 10000;
export const maxLen = 200;
export const training = { epochs: 2, batchSize: 64 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  return sequences.map((seq) => {
    const kept = seq.length > maxLen ? seq.slice(seq.length - maxLen) : seq;
    return [...new Array<number>(maxLen - kept.length).fill(0), ...kept];
  });
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numWords, outputDim: 32, inputLength: maxLen }));
  model.add(tf.layers.lstm({ units: 32 }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}
