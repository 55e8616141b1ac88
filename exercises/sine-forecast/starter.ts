// Previsão de uma senoide com LSTM — ponto de partida.
// Forecasting a sine wave with an LSTM — starting point.
import * as tf from "@tensorflow/tfjs";

// Quantos valores passados o modelo vê para prever o próximo (5..100).
export const windowSize = 20;

// Orçamento: épocas <= 50, lote entre 8 e 512. Aumente as épocas quando o modelo estiver pronto.
export const training = { epochs: 1, batchSize: 32 };

/**
 * Corta a série em janelas: a entrada i é series[i .. i+windowSize-1] e o alvo i é
 * series[i+windowSize]. Uma série com exatamente windowSize valores não gera janela.
 */
export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  // TODO: percorra a série e preencha inputs e targets.
  return { inputs, targets };
}

/** Entrada [windowSize, 1], saída [1], com pelo menos uma camada LSTM. */
export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  // TODO: troque estas camadas por tf.layers.lstm({ units: ..., inputShape: [windowSize, 1] })
  // seguida de uma tf.layers.dense({ units: 1 }).
  model.add(tf.layers.flatten({ inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
