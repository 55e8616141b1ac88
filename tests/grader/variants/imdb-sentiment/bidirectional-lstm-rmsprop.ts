// variant: a smaller vocabulary and shorter sequences (8,000 words, 150 ids), a Bidirectional LSTM, RMSProp as an object, padSequences built from concat/slice
import * as tf from "@tensorflow/tfjs";

export const numWords = 8000;
export const maxLen = 150;
export const training = { epochs: 2, batchSize: 32 };

export function padSequences(sequences: number[][], maxLen: number): number[][] {
  return sequences.map((seq) => {
    const kept = maxLen > 0 ? seq.slice(-maxLen) : [];
    return Array<number>(maxLen - kept.length).fill(0).concat(kept);
  });
}

export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numWords, outputDim: 32, inputLength: maxLen }));
  model.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 16 }) as tf.RNN, mergeMode: "concat" }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  model.compile({ optimizer: tf.train.rmsprop(0.002), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}
