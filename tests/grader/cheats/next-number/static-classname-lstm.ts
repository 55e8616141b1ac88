// cheat: buildLstm is Flatten + a registered custom layer whose static className is "LSTM" (it replaces the real LSTM in the serialization registry) but computes a plain Dense; buildRnn is honest
// zero: lstm.contract,lstm.error,compare
import * as tf from "@tensorflow/tfjs";

export const training = { epochs: 200, batchSize: 16 };

class LSTM extends tf.layers.Layer {
  static className = "LSTM";
  readonly units: number;
  private kernel: any;
  private bias: any;

  constructor(config: any) {
    super(config);
    this.units = config.units ?? 1;
  }

  override build(inputShape: any): void {
    const shape = inputShape as number[];
    const d = shape[shape.length - 1];
    this.kernel = this.addWeight("kernel", [d, this.units], "float32", tf.initializers.glorotUniform({}));
    this.bias = this.addWeight("bias", [this.units], "float32", tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: any): any {
    return [(inputShape as number[])[0], this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.add(tf.matMul(x as tf.Tensor2D, this.kernel.read()), this.bias.read());
    });
  }

  override getConfig(): any {
    return { ...super.getConfig(), units: this.units };
  }
}
tf.serialization.registerClass(LSTM);

export function buildRnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.simpleRNN({ units: 16, inputShape: [5, 1] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}

export function buildLstm(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [5, 1] }));
  model.add(new LSTM({ units: 1, name: "lstm" }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  return model;
}
