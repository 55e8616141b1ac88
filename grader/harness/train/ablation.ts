/**
 * Ablations: the same trained model predicts the same rows again, in one batch (the
 * reference pass of the unchanged model shares that batch), with one layer changed.
 *  - swap: the layer's output for each example is another example's (the batch rolled by
 *    one). Whatever the layer extracted from its own input is gone, while its outputs keep
 *    their usual range. If the error barely rises, the layer did no work. (Zeroing would not
 *    do: a frozen branch can stay silent for every real output and fire only on zeros.)
 *  - order: the layer reads its input sequence backwards, and what is measured is how far its
 *    own output moves. A recurrent layer that reads a real sequence changes its state with the
 *    order of the steps; one fed a single step, or one step repeated, does not move at all.
 *    (The model's error is no measure here: next-number's answer barely depends on order.)
 */
import * as tf from "@tensorflow/tfjs";

type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown> | undefined) => tf.Tensor | tf.Tensor[];

const rolled = (t: tf.Tensor): tf.Tensor => (t.shape[0]! > 1 ? tf.concat([t.slice(1), t.slice(0, 1)]) : t.clone());
/**
 * Time runs along axis 1 of a sequence ([batch, time, ...]) and of its mask ([batch, time]).
 * A boolean mask goes through int32: the wasm backend's Reverse reads out of bounds on bool.
 */
const backwards = (t: tf.Tensor): tf.Tensor => {
  if (t.rank < 2) return t;
  return t.dtype === "bool" ? tf.cast(tf.reverse(tf.cast(t, "int32"), 1), "bool") : tf.reverse(t, 1);
};
const first = (out: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(out) ? out[0] : out);

/** Runs one single-batch prediction with the layer's call replaced; the layer is restored after. */
function withCall<T>(layer: tf.layers.Layer, replace: (original: Call) => Call, fn: () => T): T {
  const target = layer as unknown as { call: Call };
  // An own property shadows the class's call (and the fused path's wrapper) for this layer only.
  target.call = replace(target.call);
  try {
    return fn();
  } finally {
    delete (target as { call?: Call }).call;
  }
}

/** One batch: the roll must run over every row at once, and the reference must see the same batch. */
export const predictOneBatch = (model: tf.LayersModel, x: tf.Tensor): tf.Tensor => model.predict(x, { batchSize: x.shape[0] }) as tf.Tensor;

/** The model's predictions with the layer's outputs swapped between examples. */
export function predictSwapped(model: tf.LayersModel, layer: tf.layers.Layer, x: tf.Tensor): tf.Tensor {
  return withCall(layer, (original) => function (this: unknown, inputs, kwargs) {
    const out = original.call(this, inputs, kwargs);
    return Array.isArray(out) ? out.map(rolled) : rolled(out);
  }, () => predictOneBatch(model, x));
}

/** The layer's own output on the rows, as read (forwards) or with its input sequence reversed. */
function layerOutput(model: tf.LayersModel, layer: tf.layers.Layer, x: tf.Tensor, reversed: boolean): tf.Tensor {
  let kept: tf.Tensor | null = null;
  const prediction = withCall(layer, (original) => function (this: unknown, inputs, kwargs) {
    let args = inputs;
    let options = kwargs;
    if (reversed) {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const sequence = list[0].rank >= 3 ? backwards(list[0]) : list[0];
      args = Array.isArray(inputs) ? [sequence, ...list.slice(1)] : sequence;
      if (kwargs?.mask instanceof tf.Tensor) options = { ...kwargs, mask: backwards(kwargs.mask) };
    }
    const out = original.call(this, args, options);
    kept?.dispose();
    kept = tf.keep(first(out).clone());
    return out;
  }, () => predictOneBatch(model, x));
  prediction.dispose();
  if (!kept) throw new Error(`layer ${layer.name} was not called`);
  return kept;
}

/**
 * How far the layer's output moves when it reads its input backwards: the RMS of the change
 * over the RMS spread of its output (about its mean). 0 for a single step or repeated steps.
 */
export function orderSensitivity(model: tf.LayersModel, layer: tf.layers.Layer, x: tf.Tensor): number {
  const forwards = layerOutput(model, layer, x, false);
  const reversed = layerOutput(model, layer, x, true);
  const value = tf.tidy(() => {
    const moved = tf.sqrt(tf.mean(tf.square(tf.sub(reversed, forwards))));
    const spread = tf.sqrt(tf.mean(tf.square(tf.sub(forwards, tf.mean(forwards)))));
    return tf.div(moved, tf.maximum(spread, 1e-12)).dataSync()[0];
  });
  forwards.dispose();
  reversed.dispose();
  return Number.isFinite(value) ? value : 0;
}
