/**
 * Runs a practice in the page, off the page: a sandboxed iframe (an opaque origin, no network,
 * server/practice/frame-page.ts) hosts a Web Worker that compiles, trains and reports. This
 * module fetches the practice bundle once (worker script, declaration files, wasm binaries, the
 * task's public data), hands it to the frame, and passes on each message that parses as a
 * practice event; anything else is dropped. Stopping removes the frame: its worker ends with
 * it, however busy (an infinite loop included), and the page never waited on it.
 */
import { practiceEvent, type PracticeEvent, type PracticeJob } from "@/grader/practice/events";
import type { PracticeBundle } from "@/server/practice/bundle-for-task";

export type { PracticeBundle };

interface Assets {
  workerScript: string;
  declarations: string;
  wasm: Record<string, ArrayBuffer>;
}

const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm"];
/** The run's own time cap arrives with its budget; until then, this bounds a run that never reports. */
const UNANNOUNCED_LIMIT_MS = 10 * 60_000;
/** The worker stops training at its cap by itself; the frame is removed if it has not ended soon after. */
const GRACE_MS = 20_000;

const cache = new Map<string, Promise<Assets>>();
const dataCache = new Map<string, Promise<ArrayBuffer>>();

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res;
}

function assets(hash: string): Promise<Assets> {
  let pending = cache.get(hash);
  if (!pending) {
    const base = `/practice/assets/${hash}`;
    pending = Promise.all([
      fetchOk(`${base}/worker.js`).then((r) => r.text()),
      fetchOk(`${base}/declarations.json`).then((r) => r.text()),
      Promise.all(WASM_FILES.map((f) => fetchOk(`${base}/${f}`).then((r) => r.arrayBuffer()))),
    ]).then(([workerScript, declarations, wasm]) => ({ workerScript, declarations, wasm: Object.fromEntries(WASM_FILES.map((f, i) => [f, wasm[i]])) }));
    pending.catch(() => cache.delete(hash));
    cache.set(hash, pending);
  }
  return pending;
}

function data(url: string): Promise<ArrayBuffer> {
  let pending = dataCache.get(url);
  if (!pending) {
    pending = fetchOk(url).then((r) => r.arrayBuffer());
    pending.catch(() => dataCache.delete(url));
    dataCache.set(url, pending);
  }
  return pending;
}

/**
 * Fetches the bundle ahead of a click (the browser caches it for good: its URLs carry the
 * build's hash), so the first run starts from memory. Network only: nothing is parsed or run.
 */
export function preloadPractice(bundle: PracticeBundle): void {
  assets(bundle.hash).catch(() => {});
  if (bundle.dataUrl) data(bundle.dataUrl).catch(() => {});
}

export interface PracticeHandle {
  stop(): void;
}

export function startPractice(opts: {
  bundle: PracticeBundle;
  job: PracticeJob;
  onEvent: (event: PracticeEvent) => void;
  /** The run could not start (the bundle did not load) or overran its cap: a message to show. */
  onHostError: (reason: "load" | "timeout", detail: string) => void;
}): PracticeHandle {
  let frame: HTMLIFrameElement | null = null;
  let timer: number | undefined;
  let stopped = false;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    window.removeEventListener("message", onMessage);
    window.clearTimeout(timer);
    frame?.remove();
    frame = null;
  };
  const arm = (ms: number) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      opts.onHostError("timeout", String(Math.round(ms / 1000)));
      stop();
    }, ms);
  };

  let started = false;
  function onMessage(event: MessageEvent) {
    if (!frame || event.source !== frame.contentWindow) return;
    if (!started && event.data?.type === "frame-ready") {
      started = true;
      void send();
      return;
    }
    const parsed = practiceEvent.safeParse(event.data);
    if (!parsed.success) return;
    if (parsed.data.type === "budget") arm(parsed.data.timeLimitMs + GRACE_MS);
    opts.onEvent(parsed.data);
    if (parsed.data.type === "done") stop();
  }

  async function send() {
    try {
      const [a, d] = await Promise.all([assets(opts.bundle.hash), opts.bundle.dataUrl ? data(opts.bundle.dataUrl) : Promise.resolve(null)]);
      if (stopped || !frame?.contentWindow) return;
      // Copies: the frame takes ownership of what it is given, the cache keeps the originals.
      const wasm = Object.fromEntries(Object.entries(a.wasm).map(([k, v]) => [k, v.slice(0)]));
      const bytes = d ? d.slice(0) : null;
      const start = { type: "start", job: opts.job, wasm, declarations: a.declarations, data: bytes };
      // The frame's origin is opaque: "*" is the only target that reaches it. It is our frame
      // (checked on every message by its window), and what it gets is public.
      frame.contentWindow.postMessage({ type: "start", workerScript: a.workerScript, start }, "*", [...Object.values(wasm), ...(bytes ? [bytes] : [])]);
    } catch (err) {
      opts.onHostError("load", err instanceof Error ? err.message : String(err));
      stop();
    }
  }

  window.addEventListener("message", onMessage);
  frame = document.createElement("iframe");
  frame.setAttribute("sandbox", "allow-scripts");
  frame.setAttribute("title", "practice");
  frame.setAttribute("aria-hidden", "true");
  frame.setAttribute("data-testid", "practice-frame");
  frame.style.display = "none";
  frame.src = "/practice/frame";
  document.body.appendChild(frame);
  arm(UNANNOUNCED_LIMIT_MS);
  return { stop };
}
