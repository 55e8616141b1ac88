/**
 * Adam's update through the addon (native/rnn/src/adam.c): one native pass per weight array
 * where tfjs's AdamOptimizer.applyGradients runs ~15 element-wise ops, each allocating a
 * tensor of the weight's size. The numbers are tfjs's own: the same operations, each rounded
 * to float32 in the same order (bitwise equal to the cpu backend's results, see the tests).
 *
 * Installed by the grader (the train sandbox, before any model is rebuilt there) by wrapping
 * AdamOptimizer.prototype.applyGradients, as fused-layers.ts wraps RNN.prototype.call. It
 * takes the native path only for tfjs's own Adam class, on the cpu and wasm backends (whose
 * tensors' memory JavaScript can read and write synchronously), when every weight and
 * gradient is float32; any other case is tfjs's stock update, and the record says why.
 *
 * The moments m and v (the optimizer's own variables, which only Adam's update reads) are
 * updated in place. Each weight gets a fresh buffer and `assign`, like tfjs: a tensor's
 * values never change under it. That matters: wasm's matrix product caches an XNNPACK
 * operator with the weights packed inside, keyed by the weight tensor's id
 * (tfjs-backend-wasm batch_mat_mul_impl.cc), so a weight written in place goes on being
 * multiplied with its old values (seen: x·w unchanged after a step; tested). On cpu, the
 * fused recurrent op holds the arrays dataSync gave it. `weights: "inplace"` (benchmarks
 * only, cpu only) writes the weights in place too, where the variable alone holds the data.
 */
import * as tf from "@tensorflow/tfjs";
import type { KernelStatus } from "./native-kernels";
import { registeredClass } from "./registry";

/** The addon's Adam step (native/rnn/src/addon.c). Outputs may be the inputs. */
export type AdamKernel = (
  w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, wOut: Float32Array, mOut: Float32Array, vOut: Float32Array,
  lr: number, beta1: number, beta2: number, epsilon: number, accBeta1: number, accBeta2: number,
) => void;

export interface OptimizerUse {
  optimizer: string;
  path: "fused" | "stock";
  /** Why the stock path ran; null when fused. */
  reason: string | null;
}

type VariableGradients = tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[];
type ApplyGradients = (this: AdamLike, variableGradients: VariableGradients) => void;

/** AdamOptimizer's fields (tfjs-core 4.22 adam_optimizer.js; private there). */
interface AdamLike {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  incrementIterations(): void;
}

type DataId = object;
interface CpuBackendLike {
  data: { get(id: DataId): { values?: unknown } | undefined };
  refCount(id: DataId): number;
  makeTensorInfo(shape: number[], dtype: "float32", values: Float32Array): tf.TensorInfo;
}
interface WasmBackendLike {
  typedArrayFromHeap(info: { dataId: DataId; dtype: "float32"; shape: number[] }): Float32Array;
  refCount(id: DataId): number;
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
}

/** Synchronous access to float32 tensor memory on the cpu or wasm backend. */
interface Memory {
  /** The tensor's own values (not a copy), or null. */
  view(t: tf.Tensor): Float32Array | null;
  /** Whether only one tensor holds this tensor's data (it may then be written in place). */
  sole(t: tf.Tensor): boolean;
  /** A new float32 tensor of this shape whose values are to be written through view(). */
  fresh(shape: number[]): tf.Tensor;
}

function memoryOf(backendName: string): Memory | null {
  const engine = tf.engine();
  const dataIdOf = (t: tf.Tensor) => t.dataId as DataId;
  if (backendName === "cpu") {
    const backend = tf.backend() as unknown as CpuBackendLike;
    if (typeof backend.data?.get !== "function" || typeof backend.refCount !== "function") return null;
    return {
      view: (t) => {
        const values = backend.data.get(dataIdOf(t))?.values;
        return values instanceof Float32Array && values.length === t.size ? values : null;
      },
      sole: (t) => backend.refCount(dataIdOf(t)) === 1,
      fresh: (shape) => engine.makeTensorFromTensorInfo(backend.makeTensorInfo(shape, "float32", new Float32Array(shape.reduce((a, d) => a * d, 1)))),
    };
  }
  if (backendName === "wasm") {
    const backend = tf.backend() as unknown as WasmBackendLike;
    if (typeof backend.typedArrayFromHeap !== "function" || typeof backend.makeOutput !== "function") return null;
    return {
      // A view into wasm memory: taken after every allocation of the step (a growing heap detaches it).
      view: (t) => {
        const values = backend.typedArrayFromHeap({ dataId: dataIdOf(t), dtype: "float32", shape: t.shape });
        return values.length === t.size ? values : null;
      },
      sole: (t) => backend.refCount(dataIdOf(t)) === 1,
      fresh: (shape) => engine.makeTensorFromTensorInfo(backend.makeOutput(shape, "float32")),
    };
  }
  return null;
}

function adamClass(): { prototype: { applyGradients: ApplyGradients } } | null {
  const cls = registeredClass("Adam") as { prototype: { applyGradients?: unknown } } | null;
  return cls && typeof cls.prototype.applyGradients === "function" ? (cls as { prototype: { applyGradients: ApplyGradients } }) : null;
}

export interface FusedAdamOptions {
  /**
   * "assign" (default): each weight gets a new buffer; "inplace": on cpu, written in place
   * where only the variable holds it (benchmarks; never on wasm, whose matrix products cache
   * packed weights by tensor id).
   */
  weights?: "assign" | "inplace";
}

export class FusedAdam {
  private original: ApplyGradients | null = null;
  private prototype: { applyGradients: ApplyGradients } | null = null;
  private last: OptimizerUse | null = null;
  private readonly kernel: AdamKernel | null;
  private readonly unavailable: string | null;

  constructor(status: KernelStatus, private readonly options: FusedAdamOptions = {}) {
    const adam = status.available ? status.kernels.adam : undefined;
    this.kernel = status.available && typeof adam === "function" ? adam.bind(status.kernels) : null;
    this.unavailable = !status.available ? `fused kernels unavailable: ${status.reason}` : this.kernel ? null : "addon has no adam";
  }

  /** Wraps AdamOptimizer.prototype.applyGradients; false where the class or the kernel is missing. */
  install(): boolean {
    if (this.original) return true;
    const cls = adamClass();
    if (!cls || !this.kernel) return false;
    const original = cls.prototype.applyGradients;
    const proto = cls.prototype;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    proto.applyGradients = function (this: AdamLike, variableGradients: VariableGradients) {
      // tfjs's own class only: a subclass may have changed the update.
      if (Object.getPrototypeOf(this) !== proto) return original.call(this, variableGradients);
      const why = self.apply(this, variableGradients);
      self.last = { optimizer: "Adam", path: why ? "stock" : "fused", reason: why };
      if (why) original.call(this, variableGradients);
    };
    this.original = original;
    this.prototype = proto;
    return true;
  }

  /** Puts the stock update back (tests, benchmarks). */
  uninstall(): void {
    if (this.prototype && this.original) this.prototype.applyGradients = this.original;
    this.original = null;
    this.prototype = null;
  }

  /** How the last Adam step ran (null when none ran since the reset). */
  report(): OptimizerUse | null {
    return this.last ?? null;
  }

  /** The record for a model trained with an optimizer of this class, for the grading result. */
  reportFor(className: string): OptimizerUse {
    if (this.last) return this.last;
    const optimizer = className.slice(0, 100);
    if (className !== "Adam") return { optimizer, path: "stock", reason: `no fused update for ${optimizer}` };
    return { optimizer, path: "stock", reason: this.original ? "no training step ran" : (this.unavailable ?? "not installed") };
  }

  /** Why Adam would not take the native path at all here, or null. */
  unavailableReason(): string | null {
    return this.unavailable;
  }

  resetReport(): void {
    this.last = null;
  }

  /** Runs the step natively; returns why not (nothing changed then) or null when done. */
  private apply(opt: AdamLike, variableGradients: VariableGradients): string | null {
    const kernel = this.kernel;
    if (!kernel) return this.unavailable;
    const backendName = tf.getBackend();
    const memory = memoryOf(backendName);
    if (!memory) return `backend ${backendName}: tensor memory not readable synchronously`;
    for (const k of ["learningRate", "beta1", "beta2", "epsilon"] as const) {
      if (typeof opt[k] !== "number" || !Number.isFinite(opt[k])) return `${k} is not a finite number`;
    }
    const list = Array.isArray(variableGradients);
    const names = list ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const registered = tf.engine().registeredVariables;
    // Everything checked before anything changes: the stock update then runs from the same state.
    for (let i = 0; i < names.length; i++) {
      const value = registered[names[i]];
      const gradient = list ? variableGradients[i].tensor : variableGradients[names[i]];
      if (!value) return `variable ${names[i]} not registered`;
      if (value.dtype !== "float32") return `a ${value.dtype} variable`;
      if (gradient == null) continue;
      if (gradient.dtype !== "float32" || gradient.size !== value.size) return "a gradient of another type or size";
      if (!memory.view(gradient) || !memory.view(value)) return "tensor memory not reachable";
    }
    const inPlaceWeights = this.options.weights === "inplace" && backendName === "cpu";
    tf.tidy(() => {
      const accBeta1 = opt.accBeta1.dataSync()[0];
      const accBeta2 = opt.accBeta2.dataSync()[0];
      names.forEach((name, i) => {
        const value = registered[name];
        // As tfjs: the moments are created at the first step (by position in the list).
        opt.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        opt.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const gradient = list ? variableGradients[i].tensor : variableGradients[name];
        if (gradient == null) return;
        const m = opt.accumulatedFirstMoment[i]!.variable;
        const v = opt.accumulatedSecondMoment[i]!.variable;
        // Allocate first, then take views: on wasm an allocation may grow (and detach) the heap.
        const mNew = memory.sole(m) ? null : memory.fresh(m.shape);
        const vNew = memory.sole(v) ? null : memory.fresh(v.shape);
        const wNew = inPlaceWeights && memory.sole(value) ? null : memory.fresh(value.shape);
        const w = memory.view(value)!, g = memory.view(gradient)!, mv = memory.view(m)!, vv = memory.view(v)!;
        kernel(
          w, g, mv, vv, wNew ? memory.view(wNew)! : w, mNew ? memory.view(mNew)! : mv, vNew ? memory.view(vNew)! : vv,
          opt.learningRate, opt.beta1, opt.beta2, opt.epsilon, accBeta1, accBeta2,
        );
        if (mNew) m.assign(mNew);
        if (vNew) v.assign(vNew);
        if (wNew) value.assign(wNew);
      });
      opt.accBeta1.assign(tf.mul(opt.accBeta1, opt.beta1));
      opt.accBeta2.assign(tf.mul(opt.accBeta2, opt.beta2));
    });
    opt.incrementIterations();
    return null;
  }
}
