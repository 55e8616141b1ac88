/**
 * Keeps TensorFlow.js's own warnings out of the student's output. tfjs prints them with
 * console.warn from its own code ("Hi, looks like you are running TensorFlow.js in Node.js...",
 * "Orthogonal initializer is being called on a matrix with more than 2000 elements..."), inside
 * the harness bundle; a student's console.warn is called from their own file. So a warning is
 * kept only when the function that called console.warn is in the submission's file. Only
 * warn: tfjs prints what a student asks for (model.summary()) with console.log, which stays.
 */

/** True when the first frame of a V8 stack (its header line excluded) is in `file`. */
export function calledFrom(stack: string, file: string): boolean {
  const frame = stack.split("\n").find((line) => line.trimStart().startsWith("at "));
  if (!frame) return false;
  // "at fn (submission.js:3:9)" or, for top-level code, "at submission.js:3:9".
  return frame.includes(`(${file}:`) || frame.trimStart().startsWith(`at ${file}:`);
}

/** Replaces `target.warn` with one that drops warnings not called from `studentFile`. */
export function dropLibraryWarnings(target: { warn: (...args: unknown[]) => void }, studentFile: string): void {
  const warn = target.warn;
  const holder: { stack?: string } = {};
  const ownWarn = function (this: unknown, ...args: unknown[]): void {
    // Frames above ownWarn are left out: the first one left is whoever called console.warn.
    Error.captureStackTrace(holder, ownWarn);
    const stack = holder.stack ?? "";
    if (calledFrom(stack, studentFile)) warn.apply(target, args);
  };
  target.warn = ownWarn;
}
