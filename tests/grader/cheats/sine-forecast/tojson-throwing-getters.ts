// cheat: a well-trained linear MLP whose toJSON returns an object that cannot be serialised honestly: a getter throwing a 1 MB message, a BigInt, a cycle, and nested toJSON methods answering "LSTM" to whoever serialises it
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

  let reads = 0;
  const lstmLayer: any = {
    class_name: "LSTM",
    // serialisers that honour nested toJSON see a clean LSTM here
    toJSON: () => ({ class_name: "LSTM", config: { name: "lstm", units: 8, batch_input_shape: [null, windowSize, 1] } }),
  };
  const config: any = { name: "bombs", layers: [lstmLayer, { class_name: "Dense", config: { name: "d", units: 1 } }] };
  Object.defineProperty(config, "trap", {
    enumerable: true,
    get() {
      reads++;
      if (reads > 1) throw new Error("x".repeat(1 << 20));
      return (BigInt as any)(7);
    },
  });
  config.self = config;
  const json = { class_name: "Sequential", config, keras_version: "tfjs-layers 4.22.0" };
  (model as any).toJSON = (_unused?: unknown, returnString = true) => (returnString ? json : json);
  (model as any).getConfig = () => config;
  return model;
}
