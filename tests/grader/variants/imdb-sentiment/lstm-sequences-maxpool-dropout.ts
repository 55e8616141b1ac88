// variant: LSTM with returnSequences read by GlobalMaxPooling1D, SpatialDropout1D on the embeddings and Dropout before a relu hidden layer; padSequences through an Int32Array
import * as tf from "@tensorflow/tfjs";

export const numWords = 6000;
export const maxLen = 160;
export const training = { epochs: 2, batchSize: 32 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  return sequences.map((seq) => {
    const row = new Int32Array(maxLen); // zeros
    const n = Math.min(maxLen, seq.length);
    row.set(seq.slice(seq.length - n), maxLen - n);
    return Array.from(row);
  });
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numWords, outputDim: 32, inputLength: maxLen }));
  model.add(tf.layers.spatialDropout1d({ rate: 0.1 }));
  model.add(tf.layers.lstm({ units: 32, returnSequences: true }));
  model.add(tf.layers.globalMaxPooling1d());
  model.add(tf.layers.dropout({ rate: 0.3 }));
  model.add(tf.layers.dense({ units: 16, activation: "relu" }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  model.compile({ optimizer: tf.train.adam(0.003), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}
