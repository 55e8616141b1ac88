/**
 * The practice frame: the page the task page embeds in a sandboxed iframe to run a student's
 * code. Student code (copied from anyone) must not reach the student's session, Treino's API
 * or the network, so:
 *  - the page is served with the CSP `sandbox allow-scripts` (and embedded with the same
 *    iframe attribute): an opaque origin, whatever URL it came from, with no cookies, no
 *    storage, no same-origin access to the parent;
 *  - its only script is the relay below, allowed by hash; it starts the worker from a blob: URL
 *    (the worker inherits this policy) and passes messages between worker and parent;
 *  - `connect-src blob:` leaves no network at all, only the blob: URLs the worker makes of
 *    the bytes it was handed (tfjs's wasm binaries); `script-src` allows only blob: scripts and
 *    WebAssembly, never eval or a URL on the network.
 * The relay forwards what the worker says as is; the parent validates every message.
 */
import { createHash } from "node:crypto";

/** The relay, run in the frame: it never touches the student's code or its messages. */
export const FRAME_SCRIPT = `
(() => {
  let started = false;
  let parentOrigin = null;
  const toParent = (message) => { if (parentOrigin) window.parent.postMessage(message, parentOrigin); };
  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || started) return;
    const m = event.data;
    if (!m || m.type !== "start" || typeof m.workerScript !== "string") return;
    started = true;
    parentOrigin = event.origin;
    const url = URL.createObjectURL(new Blob([m.workerScript], { type: "text/javascript" }));
    const worker = new Worker(url);
    worker.onmessage = (e) => toParent(e.data);
    worker.onerror = (e) => { e.preventDefault(); toParent({ type: "log", text: String(e.message || "error").slice(0, 2000) }); };
    const transfer = [...Object.values(m.start.wasm), ...(m.start.data ? [m.start.data] : [])];
    worker.postMessage(m.start, transfer);
  });
  window.parent.postMessage({ type: "frame-ready" }, "*");
})();
`;

const scriptHash = `sha256-${createHash("sha256").update(FRAME_SCRIPT).digest("base64")}`;

export const FRAME_CSP = [
  "sandbox allow-scripts",
  "default-src 'none'",
  `script-src '${scriptHash}' blob: 'wasm-unsafe-eval'`,
  "worker-src blob:",
  "connect-src blob:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

export function framePage(): { html: string; headers: Record<string, string> } {
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Treino practice</title></head><body><script>${FRAME_SCRIPT}</script></body></html>`;
  return {
    html,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": FRAME_CSP,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
    },
  };
}
