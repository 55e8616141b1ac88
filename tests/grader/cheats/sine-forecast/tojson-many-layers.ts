// cheat: a well-trained linear MLP whose toJSON describes 20,000 parameter-free Activation layers around an LSTM (a multi-megabyte topology that stays under the parameter budget): the rebuild must bound layer count and size instead of hanging or running out of memory
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

function claimed(windowSize: number): any {
  const layers: any[] = [];
  for (let i = 0; i < 20_000; i++) {
    const config: any = { name: `act_${i}`, activation: "linear", trainable: true, dtype: "float32" };
    if (i === 0) config.batch_input_shape = [null, windowSize, 1];
    layers.push({ class_name: "Activation", config });
  }
  layers.push({ class_name: "LSTM", config: { name: "lstm", units: 8, trainable: true, dtype: "float32" } });
  layers.push({ class_name: "Dense", config: { name: "dense", units: 1, activation: "linear", use_bias: true, trainable: true } });
  return { class_name: "Sequential", config: { name: "many", layers }, keras_version: "tfjs-layers 4.22.0", backend: "tensor_flow.js" };
}

export function buildModel(windowSize: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [windowSize, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  const json = claimed(windowSize);
  (model as any).toJSON = (_unused?: unknown, returnString = true) => (returnString ? JSON.stringify(json) : json);
  (model as any).getConfig = () => json.config;
  return model;
}
