/**
 * The practice worker: bundled by scripts/build-practice.ts into one script that the
 * sandboxed practice frame starts as a Web Worker. It receives the job and its assets (the
 * TensorFlow.js wasm binaries, the declaration bundle, the task's public data) in one
 * message, picks a backend (WebGL where the browser has it on a GPU, else WebAssembly, else
 * plain JavaScript: webgl-probe.ts), and runs the practice pipeline (run-practice.ts), posting each event.
 *
 * It runs the student's code, so nothing it posts is trusted: the page validates every
 * message and only shows it. It has no network: the frame's policy allows no connection
 * but to blob: URLs it made itself.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { compileSource } from "../compile/compile-source";
import { createTypeChecker } from "../compile/typecheck-core";
import { registerFastConvGradients } from "../harness/conv-gradients";
import { registerFastKernels } from "../harness/fast-kernels";
import { registerCpuFallbacks } from "../harness/kernel-fallback";
import { calledFrom } from "../harness/library-warnings";
import { COMPILED_NAME } from "../compile/source-map";
import { openDeclarationBundle, type DeclarationBundle } from "./declaration-bundle";
import type { PracticeEvent, PracticeJob } from "./events";
import { decodeImdbSample } from "./imdb-sample";
import type { PracticeData } from "./practice-task";
import { runPractice } from "./run-practice";
import { hardwareWebgl } from "./webgl-probe";
import { loadInWorker } from "./worker-loader";
import { practiceTasks } from "treino:practice-tasks";

export interface WorkerStart {
  type: "start";
  job: PracticeJob;
  /** tfjs-backend-wasm's binaries by file name. */
  wasm: Record<string, ArrayBuffer>;
  declarations: string;
  data: ArrayBuffer | null;
}

interface WorkerScope {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: WorkerStart }) => void) | null;
}
declare const self: WorkerScope;

/** The student's console output is shown, within limits. */
const MAX_LOG_LINES = 500;

const post = (event: PracticeEvent) => self.postMessage(event);

function captureConsole(): void {
  let lines = 0;
  const format = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : safeJson(a))).join(" ").slice(0, 2000);
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    const holder: { stack?: string } = {};
    const own = (...args: unknown[]) => {
      // TensorFlow.js's own warnings are not the student's output (as in the grader's sandbox).
      if (level === "warn") {
        (Error as unknown as { captureStackTrace?: (o: object, f: unknown) => void }).captureStackTrace?.(holder, own);
        if (holder.stack && !calledFrom(holder.stack, COMPILED_NAME)) return;
      }
      if (++lines > MAX_LOG_LINES) return;
      post({ type: "log", text: lines === MAX_LOG_LINES ? "…" : format(args) });
    };
    (console as unknown as Record<string, unknown>)[level] = own;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

async function selectBackend(preference: PracticeJob["backend"], wasm: Record<string, ArrayBuffer>): Promise<string> {
  const urls: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(wasm)) urls[name] = URL.createObjectURL(new Blob([bytes], { type: "application/wasm" }));
  // tfjs asks for all three binaries; the threaded one needs cross-origin isolation, which a
  // sandboxed frame never has, so it is never loaded: the SIMD build stands in for it.
  urls["tfjs-backend-wasm-threaded-simd.wasm"] ??= urls["tfjs-backend-wasm-simd.wasm"];
  setWasmPaths(urls);
  // A WebGL rendered on the CPU is slower than wasm: auto takes it only on a GPU.
  const order = preference === "auto" ? [...(hardwareWebgl() ? ["webgl"] : []), "wasm", "cpu"] : [preference];
  for (const name of order) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        registerFastKernels(name);
        registerCpuFallbacks(name);
        registerFastConvGradients(name);
        return name;
      }
    } catch {
      // the next one
    }
  }
  throw new Error(`no TensorFlow.js backend could start here (tried ${order.join(", ")})`);
}

async function start(message: WorkerStart): Promise<void> {
  const { job } = message;
  const task = practiceTasks[job.task];
  if (!task) throw new Error(`no practice for task ${job.task}`);
  post({ type: "phase", phase: "boot" });
  tf.env().set("PROD", true);
  const backend = await selectBackend(job.backend, message.wasm);
  post({ type: "ready", backend, tfjsVersion: tf.version.tfjs });
  const checker = createTypeChecker(openDeclarationBundle(JSON.parse(message.declarations) as DeclarationBundle));
  const data: PracticeData = message.data ? { imdbSample: decodeImdbSample(message.data) } : {};
  captureConsole();
  await runPractice(task, job.source, data, job.seed, {
    tf,
    compile: (source) => compileSource(source, checker),
    load: loadInWorker,
    emit: post,
    // Yield once per epoch so each epoch's message leaves before the next one starts.
    yieldEvery: "epoch",
  });
}

let started = false;
self.onmessage = (event) => {
  if (started || event.data?.type !== "start") return;
  started = true;
  start(event.data).catch((err) => {
    const detail = err instanceof Error ? err.message : String(err);
    post({ type: "failure", failure: { kind: "internal", message: detail, text: { code: "practice.internal", params: { detail }, "pt-BR": `A prática não pôde rodar: ${detail}`, en: `The practice run could not run: ${detail}` } } });
    post({ type: "done", ms: 0, stoppedBy: null });
  });
};
