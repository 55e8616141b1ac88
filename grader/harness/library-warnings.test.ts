import * as vm from "node:vm";
import { describe, expect, it } from "vitest";
import { calledFrom, dropLibraryWarnings } from "./library-warnings";

describe("calledFrom", () => {
  it("reads the first frame only", () => {
    expect(calledFrom("Error\n    at buildModel (submission.js:4:11)\n    at main (/h/describe.cjs:9:1)", "submission.js")).toBe(true);
    expect(calledFrom("Error\n    at submission.js:2:1", "submission.js")).toBe(true);
    expect(calledFrom("Error\n    at Orthogonal.apply (/h/describe.cjs:59326:11)\n    at buildModel (submission.js:4:11)", "submission.js")).toBe(false);
    expect(calledFrom("", "submission.js")).toBe(false);
  });
});

describe("dropLibraryWarnings", () => {
  function fakeConsole() {
    const printed: unknown[][] = [];
    const target = { warn: (...args: unknown[]) => void printed.push(args) };
    dropLibraryWarnings(target, "submission.js");
    return { target, printed };
  }

  it("keeps the student's own warnings, from their file, with their arguments", () => {
    const { target, printed } = fakeConsole();
    const student = vm.runInThisContext("(function (c) { c.warn('mine', 42); })", { filename: "submission.js" }) as (c: unknown) => void;
    student(target);
    expect(printed).toEqual([["mine", 42]]);
  });

  it("drops warnings a library prints, even while student code is below it on the stack", () => {
    const { target, printed } = fakeConsole();
    // A library function (any other file) that warns, called by the student's code.
    const library = vm.runInThisContext("(function (c) { c.warn('Orthogonal initializer is being called on a matrix with more than 2000 elements'); })", { filename: "/harness/describe.cjs" }) as (c: unknown) => void;
    const student = vm.runInThisContext("(function (c, lib) { lib(c); })", { filename: "submission.js" }) as (c: unknown, lib: unknown) => void;
    student(target, library);
    target.warn("Hi, looks like you are running TensorFlow.js in Node.js.");
    expect(printed).toEqual([]);
  });
});
