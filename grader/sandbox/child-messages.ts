/** The parent's zod check of every message a sandbox sends: shapes and sizes, never trust. */
import { z } from "zod";
import { DESCRIPTION_LIMITS, PREPARED_CHUNK_BYTES, PREPARED_MAX_VALUES, RECURRENT_REPORT_LIMITS as LIMITS } from "./protocol";

const errorInfo = z.object({ name: z.string().max(1000), message: z.string().max(20_000), stack: z.string().max(50_000) });
const phase = z.object({ type: z.literal("phase"), name: z.string().max(100) });
const done = z.object({ type: z.literal("done") });
const namedOrFunction = z.union([z.object({ name: z.string().max(100) }).strict(), z.object({ function: z.string().max(100) }).strict()]);

export const describeMessage = z.discriminatedUnion("type", [
  phase,
  z.object({ type: z.literal("ready"), tfjsVersion: z.string().max(40) }),
  z.object({
    type: z.literal("exports"),
    found: z.record(z.string().max(200), z.string().max(20)),
    // A number that JSON cannot carry (Infinity, NaN) comes as its name.
    constants: z.record(z.string().max(200), z.union([z.number(), z.string().max(20)])),
    training: z.object({ epochs: z.unknown().optional(), batchSize: z.unknown().optional() }).nullable(),
  }),
  z.object({ type: z.literal("probe"), id: z.string().max(100), ok: z.boolean(), value: z.unknown().optional(), error: errorInfo.optional() }),
  z.object({
    type: z.literal("description"),
    id: z.string().max(100),
    topology: z.string().max(DESCRIPTION_LIMITS.topologyChars),
    compile: z
      .object({
        optimizer: z.object({ className: z.string().max(100), config: z.unknown() }).nullable(),
        loss: z.array(namedOrFunction).max(DESCRIPTION_LIMITS.lossEntries).nullable(),
        metrics: z.array(namedOrFunction).max(DESCRIPTION_LIMITS.lossEntries).nullable(),
      })
      .nullable(),
  }),
  z.object({
    type: z.literal("prepared"),
    id: z.string().max(100),
    xShape: z.array(z.number().int().nonnegative().max(PREPARED_MAX_VALUES)).min(1).max(4),
    yLength: z.number().int().nonnegative().max(PREPARED_MAX_VALUES).nullable(),
    chunks: z.number().int().nonnegative().max(Math.ceil((PREPARED_MAX_VALUES * 4) / PREPARED_CHUNK_BYTES) + 1),
    problem: z.string().max(1000).nullable(),
  }),
  // base64 of at most PREPARED_CHUNK_BYTES bytes.
  z.object({ type: z.literal("chunk"), id: z.string().max(100), index: z.number().int().nonnegative(), data: z.string().max(Math.ceil(PREPARED_CHUNK_BYTES / 3) * 4) }),
  z.object({
    type: z.literal("failure"),
    kind: z.enum(["exception", "memory", "export", "internal"]),
    phase: z.string().max(100),
    model: z.string().max(100).optional(),
    error: errorInfo,
  }),
  done,
]);
export type DescribeMessageParsed = z.infer<typeof describeMessage>;

const recurrentLayer = z.object({
  layer: z.string().max(LIMITS.name),
  cell: z.string().max(LIMITS.name),
  path: z.enum(["fused", "stock"]),
  reason: z.string().max(LIMITS.reason).nullable(),
});
const trainingLoopUse = z.object({ path: z.enum(["native", "tfjs"]), reason: z.string().max(LIMITS.reason).nullable() });
const optimizerUse = z.object({
  optimizer: z.string().max(100),
  path: z.enum(["fused", "stock"]),
  reason: z.string().max(LIMITS.reason).nullable(),
});
// NaN and Infinity arrive as null: JSON has no word for them.
const values = z.array(z.number().nullable());

export const trainMessage = z.discriminatedUnion("type", [
  phase,
  z.object({
    type: z.literal("ready"),
    backend: z.string().max(40),
    tfjsVersion: z.string().max(40),
    fastKernels: z.array(z.string().max(100)).max(20),
    recurrentKernels: z.object({ available: z.boolean(), library: z.string().max(40).nullable(), reason: z.string().max(500).nullable() }),
  }),
  z.object({
    type: z.literal("model"),
    id: z.string().max(100),
    report: z.object({
      layers: z.array(z.string().max(200)).max(1000),
      // Shapes of any rank the rebuilt model has: a wrong one is the shape check's to refuse.
      inputShape: z.array(z.number().nullable()).max(1000),
      outputShape: z.array(z.number().nullable()).max(1000),
      inputCount: z.number().int(),
      outputCount: z.number().int(),
      params: z.number().int().nonnegative(),
      optimizer: z.string().max(100),
      loss: z.string().max(200),
      compiledByStudent: z.boolean(),
      ablationUnits: z.array(z.object({ name: z.string().max(LIMITS.name), className: z.string().max(100) })).max(LIMITS.layers),
    }),
  }),
  z.object({ type: z.literal("epoch"), model: z.string().max(100), epoch: z.number().int().nonnegative(), logs: z.record(z.string().max(100), z.number().nullable()), ms: z.number() }),
  z.object({ type: z.literal("predictions"), model: z.string().max(100), values }),
  z.object({ type: z.literal("chart"), model: z.string().max(100), values }),
  z.object({ type: z.literal("reference"), model: z.string().max(100), values }),
  z.object({ type: z.literal("ablation"), model: z.string().max(100), layer: z.string().max(LIMITS.name), values }),
  z.object({ type: z.literal("order"), model: z.string().max(100), layer: z.string().max(LIMITS.name), change: z.number() }),
  z.object({
    type: z.literal("recurrent"),
    model: z.string().max(100),
    layers: z.array(recurrentLayer).max(LIMITS.layers),
    optimizer: optimizerUse.nullable().default(null),
    trainingLoop: trainingLoopUse.nullable().default(null),
  }),
  z.object({
    type: z.literal("failure"),
    kind: z.enum(["contract", "exception", "memory", "internal"]),
    phase: z.string().max(100),
    model: z.string().max(100).optional(),
    error: errorInfo,
  }),
  done,
]);
export type TrainMessageParsed = z.infer<typeof trainMessage>;
