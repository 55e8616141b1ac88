/**
 * The practice pipeline in Node, as the browser worker runs it (same modules, the grader's own
 * vm loader instead of importScripts): the reference trains and is charted, and broken or
 * wrong code is reported the way grading reports it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { compileSubmission } from "../compile/compile";
import { compileSource } from "../compile/compile-source";
import { typeCheck } from "../compile/typecheck";
import { loadSubmission } from "../harness/describe/load-submission";
import { EXERCISES_DIR, NODE_MODULES } from "../paths";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { registerFastKernels } from "../harness/fast-kernels";
import { registerCpuFallbacks } from "../harness/kernel-fallback";
import type { PracticeEvent } from "./events";
import { practiceEvent } from "./events";
import { runPractice } from "./run-practice";
import { practice as sinePractice } from "../../exercises/sine-forecast/practice";
import { practice as nextNumberPractice } from "../../exercises/next-number/practice";
import type { PracticeData, PracticeTask } from "./practice-task";
import { practice as imdbPractice } from "../../exercises/imdb-sentiment/practice";
import { decodeImdbSample, encodeImdbSample } from "./imdb-sample";
import { makeRng } from "../data/random";

const solution = (slug: string) => fs.readFileSync(path.join(EXERCISES_DIR, slug, "solution.ts"), "utf8");
/** The reference with fewer epochs: the pipeline is under test here, not the model's quality. */
const withEpochs = (code: string, epochs: number) => code.replace(/export const training = \{[^}]*\}/, `export const training = { epochs: ${epochs}, batchSize: 32 }`);

async function practise(task: PracticeTask, source: string, data: PracticeData = {}): Promise<PracticeEvent[]> {
  const events: PracticeEvent[] = [];
  await runPractice(task, source, data, 7, {
    tf,
    compile: (s) => compileSource(s, typeCheck),
    load: loadSubmission,
    // Every event must be what the page accepts.
    emit: (e) => events.push(practiceEvent.parse(JSON.parse(JSON.stringify(e)))),
  });
  return events;
}

const ofType = <T extends PracticeEvent["type"]>(events: PracticeEvent[], type: T) => events.filter((e): e is Extract<PracticeEvent, { type: T }> => e.type === type);

beforeAll(async () => {
  // The browser's backend when there is no GPU, with the kernels the worker registers on it.
  setWasmPaths(path.join(NODE_MODULES, "@tensorflow", "tfjs-backend-wasm", "dist") + path.sep);
  await tf.setBackend("wasm");
  registerFastKernels("wasm");
  registerCpuFallbacks("wasm");
  await compileSubmission("export const x = 1;\n", { typeCheck: true }); // warm the type checker
}, 60_000);

describe("runPractice", () => {
  it("trains the sine reference on public data: windows match, epochs stream, the chart and the MSE arrive", async () => {
    const events = await practise(sinePractice, withEpochs(solution("sine-forecast"), 2));
    expect(ofType(events, "failure")).toEqual([]);
    expect(ofType(events, "budget")[0]).toMatchObject({ epochs: 2, batchSize: 32 });
    const probes = ofType(events, "probe");
    expect(probes).toHaveLength(4);
    expect(probes.every((p) => p.difference === null && !p.error)).toBe(true);
    expect(ofType(events, "model")[0]).toMatchObject({ model: "model", contract: { ok: true } });
    expect(ofType(events, "epoch").map((e) => e.epoch)).toEqual([0, 1]);
    expect(ofType(events, "epoch")[1].valLoss).toEqual(expect.any(Number));
    const evaluation = ofType(events, "evaluation")[0];
    expect(evaluation.metric).toBe("mse");
    expect(evaluation.value).toBeGreaterThan(0);
    expect(evaluation.baseline?.value).toBeGreaterThan(0);
    const chart = ofType(events, "chart")[0];
    expect(chart.points.length).toBeGreaterThan(150);
    expect(chart.points.every((p) => typeof p.predicted === "number")).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "done", stoppedBy: null });
  }, 120_000);

  it("shows where makeWindows first differs from the reference, and still trains on the student's windows", async () => {
    const offByOne = withEpochs(solution("sine-forecast"), 1).replace("targets.push(series[i + windowSize]);", "targets.push(series[i + windowSize - 1]);");
    const events = await practise(sinePractice, offByOne);
    const probe = ofType(events, "probe").find((p) => p.difference !== null)!;
    expect(probe.difference!.path).toEqual(["targets", 0]);
    expect(ofType(events, "notes")[0].notes.length).toBeGreaterThan(0);
    expect(ofType(events, "epoch")).toHaveLength(1);
  }, 120_000);

  it("reports a syntax error on its line, as grading does", async () => {
    const broken = solution("sine-forecast").replace("model.add(tf.layers.dense({ units: 1 }));", "model.add(tf.layers.dense({ units: 1 });");
    const events = await practise(sinePractice, broken);
    const line = broken.split("\n").findIndex((l) => l.includes("units: 1 });")) + 1;
    expect(ofType(events, "failure")[0].failure).toMatchObject({ kind: "syntax", line });
  });

  it("maps an exception in the builder to the student's line", async () => {
    const throwing = solution("sine-forecast").replace("const model = tf.sequential();", "const model = tf.sequential();\n  throw new Error('no model today');");
    const events = await practise(sinePractice, withEpochs(throwing, 1));
    const line = throwing.split("\n").findIndex((l) => l.includes("no model today")) + 1;
    expect(ofType(events, "failure")[0].failure).toMatchObject({ kind: "exception", line, phase: "build:model" });
  }, 60_000);

  it("gives the contract's hint and does not train a model without an LSTM", async () => {
    const dense = withEpochs(solution("sine-forecast"), 1).replace("model.add(tf.layers.lstm({ units: 32, inputShape: [windowSize, 1] }));", "model.add(tf.layers.flatten({ inputShape: [windowSize, 1] }));");
    const events = await practise(sinePractice, dense);
    const model = ofType(events, "model")[0];
    expect(model.contract.ok).toBe(false);
    expect(model.contract.feedback.en).toMatch(/LSTM/);
    expect(ofType(events, "epoch")).toEqual([]);
  }, 60_000);

  it("trains next-number's SimpleRNN and LSTM side by side on the lesson's sequence", async () => {
    const events = await practise(nextNumberPractice, solution("next-number").replace(/export const training = \{[^}]*\}/, "export const training = { epochs: 3, batchSize: 16 }"));
    expect(ofType(events, "failure")).toEqual([]);
    expect(ofType(events, "chart").map((c) => c.model)).toEqual(["rnn", "lstm"]);
    expect(ofType(events, "evaluation").map((e) => e.metric)).toEqual(["mae", "mae"]);
  }, 120_000);

  it("trains imdb-sentiment on a public sample through the student's padSequences, with validation accuracy", async () => {
    // A small synthetic sample in the served format: the pipeline, not the dataset, is under test.
    const rng = makeRng("practice-test/imdb");
    const reviews = Array.from({ length: 80 }, (_, i) => Array.from({ length: 5 + rng.int(60) }, () => 1 + rng.int(i % 2 ? 300 : 600)));
    const offsets = new Uint32Array(reviews.length + 1);
    reviews.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length));
    const bytes = encodeImdbSample({ labels: Uint8Array.from(reviews, (_, i) => i % 2), offsets, ids: Uint32Array.from(reviews.flat()) });
    const sample = decodeImdbSample(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(Array.from(sample.ids.subarray(sample.offsets[3], sample.offsets[4]))).toEqual(reviews[3]);
    const code = solution("imdb-sentiment").replace("numWords = 10000", "numWords = 1000").replace("maxLen = 200", "maxLen = 40").replace(/export const training = \{[^}]*\}/, "export const training = { epochs: 1, batchSize: 16 }");
    const events = await practise(imdbPractice, code, { imdbSample: sample });
    expect(ofType(events, "failure")).toEqual([]);
    expect(ofType(events, "probe").map((p) => p.id)).toEqual(["pad.empty", "pad.none", "pad.shorter", "pad.exact", "pad.longer", "pad.batch"]);
    expect(ofType(events, "probe").every((p) => p.difference === null)).toBe(true);
    const evaluation = ofType(events, "evaluation")[0];
    expect(evaluation).toMatchObject({ metric: "accuracy", examples: 8 });
    expect(evaluation.value).toBeGreaterThanOrEqual(0);
    expect(ofType(events, "epoch")[0].acc).toEqual(expect.any(Number));
  }, 120_000);
});
