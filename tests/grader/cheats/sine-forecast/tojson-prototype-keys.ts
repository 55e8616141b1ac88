// cheat: a well-trained linear MLP whose toJSON names classes and keys after JavaScript internals ("__proto__", "constructor", "toString", "hasOwnProperty") hoping the rebuild resolves them to something callable or pollutes Object.prototype into accepting the model
// zero: contract,mse,baseline
import * as tf from "@tensorflow/tfjs";

export const windowSize = 20;
export const training = { epochs: 40, batchSize: 32 };

export function makeWindows(series: number[], windowSize: number): { inputs: number[][]; targets: number[] } {
  const inputs: number[][] = [];
  const targets: number[] = [];
  for (let i = 0; i + windowSize < series.length; i++) {
    inputs.push(series.slice(i, i + windowSize));
    targets.push(series[i + windowSize]);
  }
  return { inputs, targets };
}

export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  // Written as text so "__proto__" stays an own key once parsed.
  const text =
    `{"class_name":"Sequential","config":{"name":"proto","layers":[` +
    `{"class_name":"constructor","config":{"name":"c","batch_input_shape":[null,${windowSize},1],"__proto__":{"polluted":true,"className":"LSTM"}}},` +
    `{"class_name":"__proto__","config":{"name":"p","units":8}},` +
    `{"class_name":"LSTM","config":{"name":"lstm","units":8,"activation":"constructor","kernel_initializer":{"class_name":"toString","config":{}}}},` +
    `{"class_name":"hasOwnProperty","config":{"name":"h"}},` +
    `{"class_name":"Dense","config":{"name":"dense","units":1,"__proto__":{"trainable":false}}}]},` +
    `"__proto__":{"isLayersModel":true},"keras_version":"tfjs-layers 4.22.0","backend":"tensor_flow.js"}`;
  (model as any).toJSON = (_unused?: unknown, returnString = true) => (returnString ? text : JSON.parse(text));
  return model;
}
