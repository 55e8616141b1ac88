// Próximo número: SimpleRNN contra LSTM — ponto de partida.
// Next number: SimpleRNN versus LSTM — starting point.
//
// Cada exemplo é a sequência [[j], [j+1], [j+2], [j+3], [j+4]] / 100 e o alvo é (j+5) / 100.
import * as tf from "@tensorflow/tfjs";

// Orçamento: épocas <= 500, lote entre 1 e 100 (vale para os dois modelos).
export const training = { epochs: 5, batchSize: 16 };

/** Entrada [5, 1], saída [1], com uma camada SimpleRNN. */
export function buildRnn(): tf.LayersModel {
  const model = tf.sequential();
  // TODO: use tf.layers.simpleRNN({ units: ..., inputShape: [5, 1] }) no lugar do flatten.
  model.add(tf.layers.flatten({ inputShape: [5, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}

/** Entrada [5, 1], saída [1], com uma camada LSTM. */
export function buildLstm(): tf.LayersModel {
  const model = tf.sequential();
  // TODO: use tf.layers.lstm({ units: ..., inputShape: [5, 1] }) no lugar do flatten.
  model.add(tf.layers.flatten({ inputShape: [5, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  return model;
}
