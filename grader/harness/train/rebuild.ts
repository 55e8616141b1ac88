/**
 * Rebuilds a student's model from its validated description, with tfjs's own classes only:
 * the topology through `modelFromJSON` (the registry holds nothing but tfjs's built-ins in
 * this process: no student code ever ran here), the weights drawn by the layers' own
 * initialisers from the grading seed, the optimizer from its class and config. What the
 * grader reports about the model (classes, shapes, parameters) is read off this rebuilt
 * model, never off the student's object.
 */
import * as tf from "@tensorflow/tfjs";
import type { RebuiltModelReport, TrainModelPlan } from "../../sandbox/protocol";

type Layer = tf.layers.Layer;

interface Wrapped {
  layer?: Layer;
  cell?: { getClassName(): string; cells?: { getClassName(): string }[] };
}

export class RebuildError extends Error {
  override name = "RebuildError";
}

/** The class names inside one layer: itself, its cell(s), a wrapped layer, a nested model's layers. */
function classesOf(layer: Layer): string[] {
  const names = [layer.getClassName()];
  const w = layer as unknown as Wrapped;
  // LSTM, GRU and SimpleRNN layers carry their cell too: name it only under a generic RNN.
  if (w.cell && names[0] === "RNN") names.push(w.cell.getClassName(), ...(w.cell.cells ?? []).map((c) => c.getClassName()));
  if (w.layer) names.push(...classesOf(w.layer));
  if (layer instanceof tf.LayersModel) for (const inner of layer.layers) names.push(...classesOf(inner));
  return names;
}

export function layerClasses(model: tf.LayersModel): string[] {
  return model.layers.flatMap(classesOf);
}

/** A recurrent class matches its layer or its cell: "LSTM" is an LSTM layer or an RNN of LSTMCells. */
export function holdsClass(layer: Layer, className: string): boolean {
  return classesOf(layer).some((c) => c === className || c === `${className}Cell`);
}

/** At most this many layers are ablated per model: one of them must do the work. */
export const MAX_ABLATION_UNITS = 8;

/**
 * The layers the ablation works on: for each layer that holds the class, the outermost one in
 * its model (a Bidirectional, not its two directions), looking into nested models; the first
 * MAX_ABLATION_UNITS of them.
 */
export function ablationUnits(model: tf.LayersModel, classNames: string[]): Layer[] {
  const units: Layer[] = [];
  const visit = (m: tf.LayersModel) => {
    for (const layer of m.layers) {
      if (layer instanceof tf.LayersModel) visit(layer);
      else if (classNames.some((c) => holdsClass(layer, c))) units.push(layer);
    }
  };
  visit(model);
  return units.slice(0, MAX_ABLATION_UNITS);
}

function optimizerFrom(spec: NonNullable<TrainModelPlan["compile"]>["optimizer"]): tf.Optimizer {
  const map = (tf.serialization.SerializationMap.getMap() as unknown as {
    classNameMap: Record<string, [tf.serialization.SerializableConstructor<tf.Optimizer>, (cls: unknown, config: unknown) => tf.Optimizer]>;
  }).classNameMap;
  const entry = map[spec.className];
  if (!entry) throw new RebuildError(`unknown optimizer ${spec.className}`);
  return entry[1](entry[0], spec.config);
}

/**
 * Runs `fn` with every initialiser handing out zeros: a model built meanwhile has its real
 * shapes and parameter count but costs only the allocation. A description within its
 * limits can still ask for a model far over the task's budget, whose real initialisation
 * (Gram-Schmidt over a huge recurrent kernel) would hold a grading slot for long: the parent
 * sees the count of this placeholder build and refuses it before anything costly runs.
 */
async function withPlaceholderWeights<T>(fn: () => Promise<T>): Promise<T> {
  const map = (tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Record<string, [{ prototype: object }]> }).classNameMap;
  // Every initialiser class descends from the one Zeros extends (tfjs does not export it).
  const initializerBase = Object.getPrototypeOf(map.Zeros[0].prototype) as object;
  const patched: [object, PropertyDescriptor | undefined][] = [];
  for (const [cls] of Object.values(map)) {
    if (!Object.prototype.isPrototypeOf.call(initializerBase, cls.prototype)) continue;
    patched.push([cls.prototype, Object.getOwnPropertyDescriptor(cls.prototype, "apply")]);
    Object.defineProperty(cls.prototype, "apply", { value: (shape: number[], dtype?: tf.DataType) => tf.zeros(shape, dtype), configurable: true, writable: true });
  }
  try {
    return await fn();
  } finally {
    for (const [proto, descriptor] of patched) {
      if (descriptor) Object.defineProperty(proto, "apply", descriptor);
      else delete (proto as { apply?: unknown }).apply;
    }
  }
}

/**
 * Rebuilds the model. With `placeholderWeights`, every weight is zero: for the report the
 * parent gates on, before the real build draws the weights from the grading seed.
 */
export async function rebuild(plan: TrainModelPlan, opts: { placeholderWeights: boolean }): Promise<{ model: tf.LayersModel; report: RebuiltModelReport }> {
  let model: tf.LayersModel;
  try {
    const build = () => tf.models.modelFromJSON(plan.topology as tf.io.ModelJSON["modelTopology"] as never);
    model = await (opts.placeholderWeights ? withPlaceholderWeights(build) : build());
  } catch (err) {
    throw new RebuildError((err as Error).message);
  }
  const compiledByStudent = plan.compile != null;
  const loss = plan.compile?.loss ?? plan.defaults.loss;
  const metrics = plan.compile?.metrics ?? plan.defaults.metrics;
  let optimizer: tf.Optimizer;
  try {
    optimizer = plan.compile ? optimizerFrom(plan.compile.optimizer) : tf.train.adam(plan.defaults.learningRate);
    model.compile({ optimizer, loss, metrics });
  } catch (err) {
    throw new RebuildError(`compiling it with its settings failed: ${(err as Error).message}`);
  }
  const units = ablationUnits(model, plan.ablate);
  return {
    model,
    report: {
      layers: layerClasses(model),
      inputShape: model.inputs[0]?.shape ?? [],
      outputShape: model.outputs[0]?.shape ?? [],
      inputCount: model.inputs.length,
      outputCount: model.outputs.length,
      params: model.countParams(),
      optimizer: optimizer.getClassName(),
      loss,
      compiledByStudent,
      ablationUnits: units.map((u) => ({ name: u.name, className: u.getClassName() })),
    },
  };
}
