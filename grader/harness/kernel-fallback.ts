/**
 * Kernels the wasm backend lacks, borrowed from the cpu backend.
 *
 * tfjs-backend-wasm 4.22 registers 157 kernels to the cpu backend's 172. The gap holds
 * gradients: without `Conv2DBackpropFilter` no Conv1D or Conv2D layer trains ("Kernel
 * 'Conv2DBackpropFilter' not registered for backend 'wasm'"), and without the depthwise
 * pair no DepthwiseConv2D or SeparableConv2D does. (The pooling gradients, MaxPoolGrad and
 * AvgPoolGrad, and Conv2DBackpropInput are wasm's own. UnsortedSegmentSum, the Embedding's
 * gradient, is missing too, but fast-kernels.ts registers one first.) A student's model
 * must train on whatever backend the grader picked, so every kernel the cpu backend has and
 * wasm lacks is registered for wasm as a bridge: the inputs are copied out of the wasm heap
 * into a private cpu backend, the cpu kernel runs there, and its outputs are copied back
 * into the heap. The copies cost a pass over the data, nothing next to a model that cannot
 * train at all.
 *
 * Conv2DBackpropFilter is too hot for that: every Conv1D step calls it, and the cpu kernel
 * reads each element through TensorBuffer.get (52 s for one IMDb batch). It runs as a matrix
 * product on wasm (conv-gradients.ts), with the bridge behind it for the NCHW layout.
 *
 * Not bridged: the complex-number kernels (Complex, Real, Imag, ComplexAbs, FFT, IFFT). The
 * wasm backend cannot hold a complex64 tensor at all (it cannot read one back), so there is
 * nothing for a bridge to carry.
 */
import * as tf from "@tensorflow/tfjs-core";
import { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import { conv2DBackpropFilterWasm } from "./conv-gradients";

type DataId = object;
type BackendValues = Float32Array | Int32Array | Uint8Array | Uint8Array[];

/** What the bridge uses of tfjs-backend-wasm's BackendWasm. */
interface WasmBackend {
  readSync(dataId: DataId): BackendValues;
  write(values: BackendValues | null, shape: number[], dtype: tf.DataType): DataId;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: DataId, force?: boolean): boolean;
}

const COMPLEX_KERNELS = new Set(["Complex", "ComplexAbs", "FFT", "IFFT", "Imag", "Real"]);

let cpu: MathBackendCPU | null = null;

/** The private cpu backend the bridges run on, made on first use (not tfjs's registered one). */
function cpuBackend(): MathBackendCPU {
  if (!cpu) {
    cpu = new MathBackendCPU();
    // Its first write prints "install tfjs-node" on stderr: this backend is only a helper.
    (cpu as unknown as { firstUse: boolean }).firstUse = false;
  }
  return cpu;
}

/** Tensors still held by the private cpu backend: 0 between kernels (for the tests). */
export function cpuFallbackDataIds(): number {
  return cpu ? cpu.numDataIds() : 0;
}

/** A kernel input: one tensor, none (an optional input), or a list (Einsum, the ragged kernels). */
type Input = tf.TensorInfo | null | undefined | Input[];

function toCpu(wasm: WasmBackend, input: Input, written: DataId[]): Input {
  if (input == null) return input;
  if (Array.isArray(input)) return input.map((t) => toCpu(wasm, t, written));
  if (input.dtype === "complex64") throw new Error("complex64 tensors cannot be held by the wasm backend");
  const dataId = cpuBackend().write(wasm.readSync(input.dataId), input.shape, input.dtype);
  written.push(dataId);
  return { dataId, shape: input.shape, dtype: input.dtype };
}

function toWasm(wasm: WasmBackend, out: tf.TensorInfo): tf.TensorInfo {
  if (out.dtype === "complex64") throw new Error("complex64 tensors cannot be held by the wasm backend");
  const values = cpuBackend().readSync(out.dataId) as BackendValues;
  if (out.dtype === "string") return { dataId: wasm.write(values, out.shape, "string"), shape: out.shape, dtype: "string" };
  const info = wasm.makeOutput(out.shape, out.dtype);
  // The heap view is taken after makeOutput: allocating may grow (and so move) the heap.
  // `set` converts element by element (a cpu bool may come as Int32Array, wasm keeps a byte).
  if (tf.util.sizeFromShape(out.shape) > 0) wasm.typedArrayFromHeap(info).set(values as ArrayLike<number>);
  return info;
}

/** The cpu kernel run on copies of a wasm kernel's inputs, its outputs copied back. */
export function bridgeToCpu(cpuKernel: tf.KernelFunc): tf.KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const wasm = backend as unknown as WasmBackend;
    const cpuB = cpuBackend();
    const written: DataId[] = [];
    let outs: tf.TensorInfo[] = [];
    try {
      // Einsum's inputs are an array, not a map: keep the shape the cpu kernel expects.
      const cpuInputs = Array.isArray(inputs)
        ? (inputs as Input[]).map((t) => toCpu(wasm, t, written))
        : Object.fromEntries(Object.entries(inputs).map(([name, t]) => [name, toCpu(wasm, t as Input, written)]));
      const result = cpuKernel({ inputs: cpuInputs as tf.NamedTensorInfoMap, attrs, backend: cpuB });
      outs = Array.isArray(result) ? result : [result];
      const wasmOuts: tf.TensorInfo[] = [];
      try {
        for (const o of outs) wasmOuts.push(toWasm(wasm, o));
      } catch (err) {
        for (const o of wasmOuts) wasm.disposeData(o.dataId);
        throw err;
      }
      return Array.isArray(result) ? wasmOuts : wasmOuts[0];
    } finally {
      // An output may be an input passed through (with its count raised, or not at all, as
      // Draw does): each is released once, and a released id is a no-op the second time.
      for (const o of outs) cpuB.disposeData(o.dataId);
      for (const id of written) cpuB.disposeData(id);
    }
  };
}

/** Backends already given their fallbacks: selecting a backend again must not stack them. */
const done = new Map<string, string[]>();

/**
 * On wasm, registers every kernel the cpu backend has and wasm lacks (Conv2DBackpropFilter
 * with its own fast path). Returns the kernels registered, in name order; [] elsewhere.
 * Kernels registered before this call (fast-kernels.ts) are wasm's own and stay.
 */
export function registerCpuFallbacks(backendName: string): string[] {
  if (backendName !== "wasm") return [];
  const previous = done.get(backendName);
  if (previous) return previous;
  const has = new Set(tf.getKernelsForBackend(backendName).map((k) => k.kernelName));
  const registered: string[] = [];
  for (const config of tf.getKernelsForBackend("cpu")) {
    const name = config.kernelName;
    if (has.has(name) || COMPLEX_KERNELS.has(name)) continue;
    const bridge = bridgeToCpu(config.kernelFunc);
    tf.registerKernel({
      kernelName: name,
      backendName,
      kernelFunc: name === "Conv2DBackpropFilter" ? conv2DBackpropFilterWasm(bridge) : bridge,
    });
    registered.push(name);
  }
  registered.sort();
  done.set(backendName, registered);
  return registered;
}
