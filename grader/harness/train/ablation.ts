/**
 * Ablation: the same trained model predicts again with one layer's output replaced by
 * zeros. If the predictions barely move, that layer did no work (a frozen zero after it, a
 * branch nobody reads): the parent compares the two and fails the contract.
 */
import * as tf from "@tensorflow/tfjs";

type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: unknown) => tf.Tensor | tf.Tensor[];

export function predictWithout(model: tf.LayersModel, layer: tf.layers.Layer, x: tf.Tensor): tf.Tensor {
  const target = layer as unknown as { call: Call };
  const original = target.call;
  // An own property shadows the class's call (and the fused path's wrapper) for this layer only.
  target.call = function (this: unknown, inputs, kwargs) {
    const out = original.call(this, inputs, kwargs);
    return Array.isArray(out) ? out.map((t) => tf.zerosLike(t)) : tf.zerosLike(out);
  };
  try {
    return model.predict(x, { batchSize: 256 }) as tf.Tensor;
  } finally {
    delete (target as { call?: Call }).call;
  }
}
