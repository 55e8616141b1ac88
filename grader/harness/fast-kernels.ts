/**
 * Kernels the stock backends lack or run slowly, registered over theirs.
 *
 * UnsortedSegmentSum is the gradient of `gather`, hence of every Embedding layer. The wasm
 * backend has no such kernel at all (training an Embedding fails), and the cpu backend's
 * costs O(vocabulary) work per batch. This one is a single pass over the rows: O(batch).
 */
import * as tf from "@tensorflow/tfjs-core";

type AnyBackend = {
  makeOutput?: (shape: number[], dtype: string) => tf.TensorInfo;
  typedArrayFromHeap?: (t: tf.TensorInfo) => Float32Array | Int32Array;
  readSync: (dataId: object) => unknown;
  makeTensorInfo?: (shape: number[], dtype: string, values: Float32Array) => tf.TensorInfo;
};

function segmentSum(x: Float32Array | Int32Array, ids: Int32Array | Float32Array, numSegments: number, out: Float32Array | Int32Array) {
  const rowSize = ids.length === 0 ? 0 : x.length / ids.length;
  out.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const seg = ids[i];
    if (seg < 0 || seg >= numSegments) continue; // TensorFlow drops out-of-range ids
    const src = i * rowSize;
    const dst = seg * rowSize;
    for (let j = 0; j < rowSize; j++) out[dst + j] += x[src + j];
  }
}

function outShape(xShape: number[], idsShape: number[], numSegments: number): number[] {
  return [numSegments, ...xShape.slice(idsShape.length)];
}

export function registerFastKernels(backendName: string): string[] {
  if (backendName !== "wasm" && backendName !== "cpu") return [];
  tf.registerKernel({
    kernelName: "UnsortedSegmentSum",
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const shape = outShape(x.shape, segmentIds.shape, numSegments);
      const b = backend as unknown as AnyBackend;
      if (backendName === "wasm") {
        const out = b.makeOutput!(shape, x.dtype);
        // Views into the wasm heap are taken after makeOutput: allocating may grow the heap.
        const xs = b.typedArrayFromHeap!(x);
        const ids = b.typedArrayFromHeap!(segmentIds);
        segmentSum(xs, ids, numSegments, b.typedArrayFromHeap!(out));
        return out;
      }
      const xs = b.readSync(x.dataId) as Float32Array;
      const ids = b.readSync(segmentIds.dataId) as Int32Array;
      const values = new Float32Array(shape.reduce((a, d) => a * d, 1));
      segmentSum(xs, ids, numSegments, values);
      return b.makeTensorInfo!(shape, x.dtype, values);
    },
  });
  return ["UnsortedSegmentSum"];
}
