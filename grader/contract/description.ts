/**
 * The parent's gate between the two sandboxes: a model description (topology and compile
 * settings, the student's speech) is checked here before the train sandbox sees it.
 *  - the topology is JSON of bounded size, depth and node count, rooted in a model class;
 *  - every class it names is one of tfjs's built-ins (allowed-classes.ts);
 *  - it carries no weights: a `weights` field (initial values) is refused, and every
 *    initialiser is dropped, so each layer draws its weights with TensorFlow.js's default
 *    initialiser from the grading seed (a Constant or Identity initialiser, a RandomNormal
 *    of chosen mean and tiny spread, or a pinned `seed` would let a student choose weights;
 *    `seed` fields are dropped too, dropout's included);
 *  - at most MAX_LAYERS layers;
 *  - the optimizer is a built-in class with numeric settings; loss and metrics are given by
 *    name, not as functions.
 * A description that fails is a `contract` failure whose message names what is wrong.
 */
import { z } from "zod";
import type { CompileSettings, TrainModelPlan } from "../sandbox/protocol";
import { ALLOWED_TOPOLOGY_CLASSES, LAYER_CLASSES, LOSS_NAMES, METRIC_NAMES, MODEL_CLASSES, OPTIMIZER_CLASSES } from "./allowed-classes";

export const DESCRIPTION_BOUNDS = { chars: 1_000_000, depth: 40, nodes: 100_000, layers: 200 } as const;
/** Longest layer or model name: names come back in reports and messages. */
const MAX_NAME = 100;

export type DescriptionProblem =
  | { code: "contract.tooLarge"; params: { what: string; limit: number } }
  | { code: "contract.malformed"; params: { detail: string } }
  | { code: "contract.unknownClass"; params: { className: string } }
  | { code: "contract.weights"; params: { layer: string } }
  | { code: "contract.optimizer"; params: { detail: string } }
  | { code: "contract.function"; params: { what: "loss" | "metric"; name: string } }
  | { code: "contract.unknownName"; params: { what: "loss" | "metric"; name: string } };

export interface ValidDescription {
  /** The topology as the train sandbox takes it, seeds dropped. */
  topology: unknown;
  compile: TrainModelPlan["compile"];
  /** Every layer class the topology names (cells and wrapped layers included). */
  layerClasses: string[];
  layerCount: number;
}

const LAYER_SET: ReadonlySet<string> = new Set<string>(LAYER_CLASSES);
const MODEL_SET: ReadonlySet<string> = new Set<string>(MODEL_CLASSES);

// Any finite numbers: a learning rate that diverges is the student's to choose (and to see as NaN).
const optimizerConfig = z
  .record(z.string().max(40), z.union([z.number().finite(), z.boolean(), z.null()]))
  .refine((c) => Object.keys(c).length <= 20, "too many settings");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * tfjs's own key normalisation (generic_utils.toCamelCase): `modelFromJSON` camel-cases
 * every key before it reads any, and the later of two colliding keys wins. The gate judges
 * and passes on the keys in that form, so `kernel_initializer`, `kernelInitializer` and
 * `kernel_initializer_` are one key to it as they are to tfjs.
 */
export function canonicalKey(key: string): string {
  if (key.length <= 1 || !key.includes("_")) return key;
  return key.replace(/[_]+(\w|$)/g, (_m, c: string) => c.toUpperCase());
}

const printable = (v: unknown): string => (typeof v === "string" ? v.slice(0, 100) : `(${v === null ? "null" : Array.isArray(v) ? "array" : typeof v})`);

/** Walks the parsed JSON once: bounds, classes, weights; returns a copy with canonical keys, without seeds or initialisers. */
function sanitize(value: Json, depth: number, counter: { nodes: number; layers: number; classes: string[] }, layerName: string): Json {
  if (++counter.nodes > DESCRIPTION_BOUNDS.nodes) throw problem({ code: "contract.tooLarge", params: { what: "nodes", limit: DESCRIPTION_BOUNDS.nodes } });
  if (depth > DESCRIPTION_BOUNDS.depth) throw problem({ code: "contract.tooLarge", params: { what: "depth", limit: DESCRIPTION_BOUNDS.depth } });
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1, counter, layerName));
  if (value === null || typeof value !== "object") return value;
  const keys = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const canonical = canonicalKey(key);
    if (keys.has(canonical)) throw problem({ code: "contract.malformed", params: { detail: `two fields named ${canonical} (${keys.get(canonical)}, ${key})`.slice(0, 200) } });
    keys.set(canonical, key);
  }
  const out: { [key: string]: Json } = {};
  let name = layerName;
  if (keys.has("className")) {
    const className = value[keys.get("className")!];
    if (typeof className !== "string" || !ALLOWED_TOPOLOGY_CLASSES.has(className)) {
      throw problem({ code: "contract.unknownClass", params: { className: printable(className) } });
    }
    if (LAYER_SET.has(className)) {
      counter.classes.push(className);
      if (++counter.layers > DESCRIPTION_BOUNDS.layers) throw problem({ code: "contract.tooLarge", params: { what: "layers", limit: DESCRIPTION_BOUNDS.layers } });
      const config = value[keys.get("config") ?? "config"] as { name?: unknown } | null;
      if (config && typeof config === "object" && !Array.isArray(config) && typeof config.name === "string") name = config.name.slice(0, 100);
    }
  }
  for (const [canonical, key] of keys) {
    const v = value[key];
    // A layer's `weights` are its initial values: the grader draws its own.
    if (canonical === "weights" && v !== null) throw problem({ code: "contract.weights", params: { layer: name } });
    // Initialisers and dropout take a seed: the grading seed decides instead.
    if (canonical === "seed") {
      out[canonical] = null;
      continue;
    }
    // The layer's default initialiser applies where none is given.
    if (canonical.endsWith("Initializer")) continue;
    if (canonical === "__proto__" || canonical === "constructor" || canonical === "prototype") {
      throw problem({ code: "contract.malformed", params: { detail: `a field named ${canonical}` } });
    }
    // Layer names are the student's and travel back in reports: bounded here.
    if (canonical === "name" && typeof v === "string" && v.length > MAX_NAME) {
      throw problem({ code: "contract.malformed", params: { detail: `a name longer than ${MAX_NAME} characters` } });
    }
    out[canonical] = sanitize(v, depth + 1, counter, name);
  }
  return out;
}

class ProblemError extends Error {
  constructor(readonly problem: DescriptionProblem) {
    super(problem.code);
  }
}
const problem = (p: DescriptionProblem) => new ProblemError(p);

function compileSettings(compile: CompileSettings | null): TrainModelPlan["compile"] {
  if (!compile) return null;
  const opt = compile.optimizer;
  if (!opt || !(OPTIMIZER_CLASSES as readonly string[]).includes(opt.className)) {
    throw problem({ code: "contract.optimizer", params: { detail: `${String(opt?.className ?? "none").slice(0, 100)} is not one of ${OPTIMIZER_CLASSES.join(", ")}` } });
  }
  const config = optimizerConfig.safeParse(opt.config ?? {});
  if (!config.success) throw problem({ code: "contract.optimizer", params: { detail: `${opt.className}: ${config.error.issues[0].message}` } });
  const names = (what: "loss" | "metric", list: CompileSettings["loss"], allowed: readonly string[]): string[] =>
    (list ?? []).map((entry) => {
      if ("function" in entry) throw problem({ code: "contract.function", params: { what, name: entry.function } });
      if (!allowed.includes(entry.name)) throw problem({ code: "contract.unknownName", params: { what, name: entry.name } });
      return entry.name;
    });
  const losses = names("loss", compile.loss, LOSS_NAMES);
  if (losses.length !== 1) throw problem({ code: "contract.unknownName", params: { what: "loss", name: losses.length === 0 ? "(none)" : losses.join(", ") } });
  return { optimizer: { className: opt.className, config: config.data }, loss: losses[0], metrics: names("metric", compile.metrics, METRIC_NAMES) };
}

export function validateDescription(topologyText: string, compile: CompileSettings | null): { ok: true; value: ValidDescription } | { ok: false; problem: DescriptionProblem } {
  try {
    if (topologyText.length > DESCRIPTION_BOUNDS.chars) throw problem({ code: "contract.tooLarge", params: { what: "characters", limit: DESCRIPTION_BOUNDS.chars } });
    let parsed: Json;
    try {
      parsed = JSON.parse(topologyText) as Json;
    } catch {
      throw problem({ code: "contract.malformed", params: { detail: "the topology is not JSON" } });
    }
    const counter = { nodes: 0, layers: 0, classes: [] as string[] };
    const whole = sanitize(parsed, 0, counter, "");
    // toJSON gives the topology itself; modelFromJSON also takes it wrapped as { modelTopology }.
    const topology = whole && typeof whole === "object" && !Array.isArray(whole) && "modelTopology" in whole ? whole.modelTopology : whole;
    if (!topology || typeof topology !== "object" || Array.isArray(topology) || typeof topology.className !== "string" || !MODEL_SET.has(topology.className)) {
      throw problem({ code: "contract.malformed", params: { detail: "the topology is not a Sequential or functional model" } });
    }
    return { ok: true, value: { topology, compile: compileSettings(compile), layerClasses: counter.classes, layerCount: counter.layers } };
  } catch (err) {
    if (err instanceof ProblemError) return { ok: false, problem: err.problem };
    // Whatever else a hostile description trips over is still the description's fault.
    return { ok: false, problem: { code: "contract.malformed", params: { detail: String((err as Error)?.message ?? "unreadable").slice(0, 200) } } };
  }
}
