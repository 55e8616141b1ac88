/**
 * tfjs's own classes by their registered names (LSTMCell, RNN, Adam...): what the fused
 * layers wrap, the fused Adam patches and the native loop compares prototypes against. Read
 * from tfjs's serialization registry, which in the train sandbox holds nothing but tfjs's
 * built-ins.
 */
import * as tf from "@tensorflow/tfjs";

export function registeredClass(name: string): { prototype: object } | null {
  const map = (tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Record<string, [{ prototype: object }, unknown]> }).classNameMap;
  return map[name]?.[0] ?? null;
}
