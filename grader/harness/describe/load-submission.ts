/**
 * Evaluates the student's compiled module. Its `require` resolves only TensorFlow.js:
 * the compiler already refused other imports, and this closes the door at run time too.
 */
import * as vm from "node:vm";
import * as tf from "@tensorflow/tfjs";
import { SUBMISSION_FILENAME } from "./submission-file";

const ALLOWED = new Set(["@tensorflow/tfjs", "@tensorflow/tfjs-node", "@tensorflow/tfjs-layers", "@tensorflow/tfjs-core"]);

export class DisallowedImportError extends Error {
  override name = "DisallowedImportError";
}

export function loadSubmission(code: string): Record<string, unknown> {
  // The wrapper sits on the line before the code, so line numbers in stacks match the
  // compiled file that the source map describes.
  const wrapper = vm.runInThisContext(`(function (exports, require, module) {\n${code}\n})`, {
    filename: SUBMISSION_FILENAME,
    lineOffset: -1,
  }) as (exports: object, require: (name: string) => unknown, module: { exports: object }) => void;
  const module = { exports: {} as Record<string, unknown> };
  const studentRequire = (name: string) => {
    if (ALLOWED.has(name)) return tf;
    throw new DisallowedImportError(`import of '${name}' is not allowed: only @tensorflow/tfjs`);
  };
  wrapper.call(module.exports, module.exports, studentRequire, module);
  return module.exports;
}
