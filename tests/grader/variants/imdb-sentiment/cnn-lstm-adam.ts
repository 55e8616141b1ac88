// variant: Keras's imdb_cnn_lstm example: Embedding, Dropout, a relu Conv1D (64 filters of 5) and MaxPooling1D(4) that shorten the reviews to a quarter before the LSTM; shorter reviews (maxLen 120), batch 32, padSequences by reversing
import * as tf from "@tensorflow/tfjs";

export const numWords = 10000;
export const maxLen = 120;
export const training = { epochs: 2, batchSize: 32 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  return sequences.map((seq) => {
    // The last maxLen ids, reversed; zeros pushed after them; reversed back: zeros first.
    const row = seq.slice(Math.max(0, seq.length - maxLen)).reverse();
    while (row.length < maxLen) row.push(0);
    return row.reverse();
  });
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numWords, outputDim: 64, inputLength: maxLen }));
  model.add(tf.layers.dropout({ rate: 0.25 }));
  model.add(tf.layers.conv1d({ filters: 64, kernelSize: 5, padding: "valid", activation: "relu", strides: 1 }));
  model.add(tf.layers.maxPooling1d({ poolSize: 4 }));
  model.add(tf.layers.lstm({ units: 48 }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  model.compile({ optimizer: "adam", loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}
