/**
 * Evaluates the student's compiled module inside the practice worker. The browser's twin of
 * harness/describe/load-submission.ts: a CommonJS wrapper whose `require` resolves only
 * TensorFlow.js. The page's Content-Security-Policy allows scripts from blob: URLs only (no
 * eval), so the wrapper is loaded with importScripts from a blob. `//# sourceURL` names it
 * submission.js, the compiled file the source map describes, so stacks map to .ts lines.
 */
import * as tf from "@tensorflow/tfjs";
import { COMPILED_NAME } from "../compile/source-map";

const ALLOWED = new Set(["@tensorflow/tfjs", "@tensorflow/tfjs-node", "@tensorflow/tfjs-layers", "@tensorflow/tfjs-core"]);

type Wrapper = (exports: object, require: (name: string) => unknown, module: { exports: object }) => void;

declare const self: { importScripts(...urls: string[]): void; __treinoSubmission?: Wrapper };

export function loadInWorker(code: string): Record<string, unknown> {
  // The code starts on the wrapper's first line, so compiled line numbers stay as they are.
  const script = `self.__treinoSubmission = function (exports, require, module) {${code}\n};\n//# sourceURL=${COMPILED_NAME}\n`;
  const url = URL.createObjectURL(new Blob([script], { type: "text/javascript" }));
  try {
    self.importScripts(url);
  } finally {
    URL.revokeObjectURL(url);
  }
  const wrapper = self.__treinoSubmission!;
  delete self.__treinoSubmission;
  const module = { exports: {} as Record<string, unknown> };
  const studentRequire = (name: string) => {
    if (ALLOWED.has(name)) return tf;
    throw new Error(`import of '${name}' is not allowed: only @tensorflow/tfjs`);
  };
  wrapper.call(module.exports, module.exports, studentRequire, module);
  return module.exports;
}
