// pipeline: pads with zeros after the review and keeps its first maxLen ids ('post' padding and truncating, not Keras's default)
// failed: pad, accuracy
// note: the zeros come after the review
import * as tf from "@tensorflow/tfjs";

export const numWords = 10000;
export const maxLen = 200;
export const training = { epochs: 2, batchSize: 64 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  return sequences.map((ids) => {
    const row = ids.slice(0, maxLen);
    while (row.length < maxLen) row.push(0);
    return row;
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
