/** The parent's zod check of every message the (untrusted) harness sends. */
import { z } from "zod";
import { RECURRENT_REPORT_LIMITS as LIMITS } from "./protocol";

const errorInfo = z.object({ name: z.string(), message: z.string(), stack: z.string() });
const recurrentLayer = z.object({
  layer: z.string().max(LIMITS.name),
  cell: z.string().max(LIMITS.name),
  path: z.enum(["fused", "stock"]),
  reason: z.string().max(LIMITS.reason).nullable(),
});

export const childMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("phase"), name: z.string().max(100) }),
  z.object({
    type: z.literal("ready"),
    backend: z.string(),
    tfjsVersion: z.string(),
    fastKernels: z.array(z.string()),
    recurrentKernels: z.object({ available: z.boolean(), library: z.string().max(40).nullable(), reason: z.string().max(500).nullable() }),
  }),
  z.object({
    type: z.literal("exports"),
    found: z.record(z.string(), z.string()),
    constants: z.record(z.string(), z.number()),
    training: z.object({ epochs: z.unknown().optional(), batchSize: z.unknown().optional() }).nullable(),
  }),
  z.object({ type: z.literal("probe"), id: z.string(), ok: z.boolean(), value: z.unknown().optional(), error: errorInfo.optional() }),
  z.object({
    type: z.literal("model"),
    id: z.string(),
    report: z.object({
      layers: z.array(z.string()),
      inputShape: z.array(z.number().nullable()),
      outputShape: z.array(z.number().nullable()),
      inputCount: z.number(),
      outputCount: z.number(),
      params: z.number(),
      compiledByStudent: z.boolean(),
      optimizer: z.string().nullable(),
      loss: z.string().nullable(),
    }),
  }),
  // NaN and Infinity arrive as null: JSON has no word for them.
  z.object({ type: z.literal("epoch"), model: z.string(), epoch: z.number(), logs: z.record(z.string(), z.number().nullable()), ms: z.number() }),
  z.object({
    type: z.literal("recurrent"),
    model: z.string(),
    layers: z.array(recurrentLayer).max(LIMITS.layers),
  }),
  z.object({ type: z.literal("predictions"), model: z.string(), values: z.array(z.number().nullable()) }),
  z.object({
    type: z.literal("failure"),
    kind: z.enum(["exception", "shape", "memory", "export", "internal"]),
    phase: z.string(),
    model: z.string().optional(),
    error: errorInfo,
  }),
  z.object({ type: z.literal("done") }),
]);
export type ChildMessageParsed = z.infer<typeof childMessage>;
