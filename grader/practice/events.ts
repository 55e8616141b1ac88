/**
 * What a practice run tells the page, one message at a time, from the Web Worker inside the
 * sandboxed frame. The worker runs the student's code: every message may be forged, so the
 * page parses each with `practiceEvent` (bounded sizes, plain data) and only ever shows it.
 * Nothing a message says is stored or sent anywhere.
 */
import { z } from "zod";
import { failure, localizedText } from "../result";

const text = z.string().max(20_000);
const num = z.number();
const nullableNum = z.number().nullable();
/** A student's value (a probe's output), already cut to a preview by the worker. */
const preview = z.unknown();

export const practiceEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("phase"), phase: z.string().max(100) }),
  z.object({ type: z.literal("ready"), backend: z.string().max(40), tfjsVersion: z.string().max(40) }),
  z.object({ type: z.literal("failure"), failure }),
  z.object({ type: z.literal("log"), text }),
  z.object({ type: z.literal("budget"), epochs: num, batchSize: num, timeLimitMs: num }),
  z.object({
    type: z.literal("probe"),
    id: z.string().max(100),
    fn: z.string().max(100),
    args: preview,
    expected: preview,
    actual: preview,
    /** Where the output first differs from the reference; null when they match. */
    difference: z.object({ path: z.array(z.union([z.string().max(100), num])).max(20), expected: preview, actual: preview }).nullable(),
    error: z.object({ message: text, line: num.optional() }).optional(),
  }),
  z.object({ type: z.literal("notes"), model: z.string().max(40), notes: z.array(localizedText).max(20) }),
  z.object({
    type: z.literal("model"),
    model: z.string().max(40),
    title: localizedText,
    layers: z.array(z.string().max(100)).max(500),
    params: num,
    maxParams: num,
    contract: z.object({ ok: z.boolean(), feedback: localizedText }),
  }),
  z.object({ type: z.literal("epoch"), model: z.string().max(40), epoch: num, loss: nullableNum, valLoss: nullableNum.optional(), acc: nullableNum.optional(), valAcc: nullableNum.optional(), ms: num }),
  z.object({
    type: z.literal("evaluation"),
    model: z.string().max(40),
    metric: z.enum(["mse", "mae", "accuracy"]),
    value: nullableNum,
    examples: num,
    baseline: z.object({ name: localizedText, value: num }).optional(),
  }),
  z.object({
    type: z.literal("chart"),
    model: z.string().max(40),
    xAxis: z.enum(["timeStep", "sequenceStart"]),
    points: z.array(z.object({ x: num, actual: num, predicted: nullableNum })).max(5_000),
  }),
  z.object({ type: z.literal("done"), ms: num, stoppedBy: z.enum(["time"]).nullable() }),
]);
export type PracticeEvent = z.infer<typeof practiceEvent>;

/** What the page asks the worker to run (the assets travel beside it, see worker.ts). */
export const practiceJob = z.object({
  task: z.string().max(100),
  source: z.string().max(200_000),
  seed: z.number().int(),
  backend: z.enum(["auto", "webgl", "wasm", "cpu"]),
});
export type PracticeJob = z.infer<typeof practiceJob>;
