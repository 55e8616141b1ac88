/** Describes a student's model to the parent: what it is made of, its shapes, its size. */
import * as tf from "@tensorflow/tfjs";
import type { ChildMessage } from "../sandbox/protocol";

type Report = Extract<ChildMessage, { type: "model" }>["report"];

/** Class names of every layer, looking inside wrappers (Bidirectional) and nested models. */
function layerNames(layers: tf.layers.Layer[]): string[] {
  const names: string[] = [];
  for (const layer of layers) {
    names.push(layer.getClassName());
    const inner = (layer as unknown as { layer?: tf.layers.Layer }).layer;
    if (inner) names.push(...layerNames([inner]));
    const nested = (layer as unknown as { layers?: tf.layers.Layer[] }).layers;
    if (Array.isArray(nested)) names.push(...layerNames(nested));
    // Bidirectional keeps its two directions as forwardLayer / backwardLayer.
    const fwd = (layer as unknown as { forwardLayer?: tf.layers.Layer }).forwardLayer;
    if (fwd) names.push(...layerNames([fwd]));
  }
  return names;
}

export function isLayersModel(value: unknown): value is tf.LayersModel {
  return value instanceof tf.LayersModel ||
    (typeof value === "object" && value !== null && typeof (value as tf.LayersModel).fit === "function" &&
      typeof (value as tf.LayersModel).predict === "function" && Array.isArray((value as tf.LayersModel).inputs));
}

function lossName(loss: unknown): string | null {
  if (loss == null) return null;
  if (typeof loss === "string") return loss;
  if (typeof loss === "function") return loss.name || "custom";
  if (Array.isArray(loss)) return loss.map(lossName).join(",");
  return "custom";
}

export function describeModel(model: tf.LayersModel): Report {
  const optimizer = (model as unknown as { optimizer?: tf.Optimizer }).optimizer ?? null;
  return {
    layers: layerNames(model.layers),
    inputShape: model.inputs[0]?.shape ?? [],
    outputShape: model.outputs[0]?.shape ?? [],
    inputCount: model.inputs.length,
    outputCount: model.outputs.length,
    params: model.countParams(),
    compiledByStudent: optimizer != null,
    optimizer: optimizer ? optimizer.getClassName() : null,
    loss: lossName((model as unknown as { loss?: unknown }).loss),
  };
}

/** Shapes without the batch dimension match the plan's. */
export function shapeMatches(actual: (number | null)[], expected: number[]): boolean {
  const rest = actual.slice(1);
  return rest.length === expected.length && rest.every((d, i) => d === expected[i]);
}
