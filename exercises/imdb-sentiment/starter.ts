// Sentimento de resenhas do IMDb com LSTM — ponto de partida.
// IMDb review sentiment with an LSTM — starting point.
//
// Cada resenha chega como a lista de ids do Keras (1 = início, 2 = palavra fora do
// vocabulário, palavras com id >= numWords viram 2). O corretor aplica a SUA escolha de
// numWords e maxLen aos dados.
import * as tf from "@tensorflow/tfjs";

export const numWords = 10000; // tamanho do vocabulário (<= 10000)
export const maxLen = 200; // tamanho das sequências após o padding (<= 500)

// Orçamento: épocas <= 3, lote entre 16 e 512.
export const training = { epochs: 1, batchSize: 64 };

/**
 * Como o pad_sequences do Keras: completa com 0 à esquerda ('pre') até maxLen e, se a
 * sequência for maior, mantém os últimos maxLen ids (truncating 'pre').
 */
export function padSequences(sequences: number[][], maxLen: number): number[][] {
  // TODO: devolva cada sequência com exatamente maxLen valores.
  return sequences.map((seq) => seq.slice(0, maxLen));
}

/** Entrada [maxLen] (ids), saída: uma unidade sigmoide; precisa de uma camada LSTM. */
export function buildModel(numWords: number, maxLen: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: numWords, outputDim: 16, inputLength: maxLen }));
  // TODO: troque o flatten por tf.layers.lstm({ units: ... }).
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  return model;
}
