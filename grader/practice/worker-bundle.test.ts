/**
 * The practice worker as the browser gets it: bundled for the browser (scripts/build-practice.ts)
 * and evaluated in a context with a worker's globals and nothing of Node's (no require,
 * __dirname or process), where it must load and wait for its job. A module that needs Node at
 * load time (a path resolved from __dirname, say) fails here, not in a student's browser.
 */
import * as vm from "node:vm";
import { describe, expect, it } from "vitest";
import { bundleWorker } from "../../scripts/build-practice";

describe("the practice worker bundle", () => {
  it("loads in a worker's global scope without Node and waits for its job", async () => {
    const script = new TextDecoder().decode(await bundleWorker());
    expect(script.length).toBeGreaterThan(1_000_000);
    const posted: unknown[] = [];
    const self: Record<string, unknown> = {
      postMessage: (m: unknown) => posted.push(m),
      onmessage: null,
      navigator: { userAgent: "worker", hardwareConcurrency: 2 },
      location: { href: "blob:null/worker", protocol: "blob:" },
    };
    const context = vm.createContext({
      self, console, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask,
      TextEncoder, TextDecoder, URL, Blob, WebAssembly, performance, structuredClone, atob, btoa,
      navigator: self.navigator, location: self.location,
    });
    (context as Record<string, unknown>).globalThis = context;
    vm.runInContext(script, context, { filename: "worker.js" });
    expect(typeof self.onmessage).toBe("function");
    expect(posted).toEqual([]);
  }, 120_000);
});
