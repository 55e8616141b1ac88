/**
 * Ablation: the same trained model predicts again with one layer's output for each example
 * swapped for another example's (the batch rolled by one). Whatever that layer extracted
 * from its own input is gone, while its outputs keep their usual range. If the model's error
 * barely rises, the layer did no work. Zeroing the output would not do: a frozen branch can
 * stay silent for every real output and fire only on zeros.
 */
import * as tf from "@tensorflow/tfjs";

type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: unknown) => tf.Tensor | tf.Tensor[];

const rolled = (t: tf.Tensor): tf.Tensor => (t.shape[0]! > 1 ? tf.concat([t.slice(1), t.slice(0, 1)]) : t.clone());

export function predictWithSwappedOutputs(model: tf.LayersModel, layer: tf.layers.Layer, x: tf.Tensor): tf.Tensor {
  const target = layer as unknown as { call: Call };
  const original = target.call;
  // An own property shadows the class's call (and the fused path's wrapper) for this layer only.
  target.call = function (this: unknown, inputs, kwargs) {
    const out = original.call(this, inputs, kwargs);
    return Array.isArray(out) ? out.map(rolled) : rolled(out);
  };
  try {
    // One batch: the roll must run over every row at once.
    return model.predict(x, { batchSize: x.shape[0] }) as tf.Tensor;
  } finally {
    delete (target as { call?: Call }).call;
  }
}
