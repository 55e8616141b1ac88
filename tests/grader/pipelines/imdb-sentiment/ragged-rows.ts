// pipeline: truncates long reviews but forgets to pad short ones, so the rows have different lengths
// failure: data
// message: every row must have the same length
import * as tf from "@tensorflow/tfjs";

export const numWords = 5000;
export const maxLen = 100;
export const training = { epochs: 1, batchSize: 64 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  return sequences.map((seq) => (seq.length > maxLen ? seq.slice(seq.length - maxLen) : seq));
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numWords, outputDim: 16, inputLength: maxLen }));
  model.add(tf.layers.lstm({ units: 16 }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  return model;
}
