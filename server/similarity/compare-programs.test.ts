/**
 * Real Dolos output on next-number programs (tests/fixtures/similarity): a solution and its
 * copy with every variable renamed and the comments changed, two different solutions, all
 * four keeping the starter's code and comments around their own.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { comparePrograms, type PairScore, type Program } from "./compare-programs";

const fixture = (name: string) => fs.readFileSync(path.join("tests", "fixtures", "similarity", `${name}.ts`), "utf8");
const starter = fs.readFileSync(path.join("exercises", "next-number", "starter.ts"), "utf8");
const programs: Program[] = ["original", "renamed", "functional", "shared-builder"].map((name) => ({ id: name, owner: name, code: fixture(name) }));

const key = (p: PairScore) => [p.left, p.right].sort().join("+");
const scoreOf = (pairs: PairScore[], a: string, b: string) => pairs.find((p) => key(p) === [a, b].sort().join("+"))?.similarity ?? 0;

/** The text a fragment covers on one side (rows and columns from 0, end inclusive as Dolos gives it). */
function covered(code: string, [startRow, startCol, endRow, endCol]: number[]): string {
  const lines = code.split("\n");
  if (startRow === endRow) return lines[startRow].slice(startCol, endCol);
  return [lines[startRow].slice(startCol), ...lines.slice(startRow + 1, endRow), lines[endRow].slice(0, endCol)].join("\n");
}

describe("comparePrograms (Dolos)", () => {
  it("puts the copy with renamed variables at the top, near 1, above pairs that share only the starter", async () => {
    const { pairs, compared } = await comparePrograms(programs, { template: starter });
    expect(compared).toBe(6);
    expect(key(pairs[0])).toBe("original+renamed");
    expect(pairs[0].similarity).toBeGreaterThanOrEqual(0.95);
    for (const other of pairs.slice(1)) expect(other.similarity).toBeLessThan(0.5);
    // Sorted, most similar first.
    expect(pairs.map((p) => p.similarity)).toEqual([...pairs.map((p) => p.similarity)].sort((a, b) => b - a));
  });

  it("does not let the starter's code raise the pairs that share only it", async () => {
    const without = await comparePrograms(programs);
    const withStarter = await comparePrograms(programs, { template: starter });
    for (const [a, b] of [["original", "functional"], ["original", "shared-builder"], ["functional", "shared-builder"]]) {
      expect(scoreOf(withStarter.pairs, a, b)).toBeLessThan(scoreOf(without.pairs, a, b));
    }
    // The starter against a student who handed it in unchanged: nothing of theirs is left to match.
    const unchanged = await comparePrograms([...programs, { id: "starter", owner: "lazy", code: starter }], { template: starter });
    expect(unchanged.pairs.some((p) => p.left === "starter" || p.right === "starter")).toBe(false);
  });

  it("scores identical files 1 with a template (Dolos's own score gives them less)", async () => {
    const code = fixture("shared-builder");
    const { pairs } = await comparePrograms([{ id: "a", owner: "a", code }, { id: "b", owner: "b", code }, { id: "c", owner: "c", code: fixture("functional") }], { template: starter });
    expect(scoreOf(pairs, "a", "b")).toBe(1);
  });

  it("counts the template's code by what the instructor marks too", async () => {
    // The shared compile helper marked as template: the copy's score falls, it still leads.
    const helper = fixture("original").split("\n").slice(9, 16).join("\n");
    expect(helper).toContain("function compileForRegression");
    const plain = await comparePrograms(programs, { template: starter });
    const marked = await comparePrograms(programs, { template: `${starter}\n${helper}` });
    const copy = (pairs: PairScore[]) => pairs.find((p) => key(p) === "original+renamed")!;
    expect(copy(marked.pairs).leftTotal).toBeLessThan(copy(plain.pairs).leftTotal);
    expect(key(marked.pairs[0])).toBe("original+renamed");
  });

  it("gives fragments whose ranges hold the same code structure on both sides", async () => {
    const { pairs } = await comparePrograms(programs, { template: starter });
    const top = { ...pairs[0], fragments: pairs[0].fragments! };
    const left = programs.find((p) => p.id === top.left)!.code;
    const right = programs.find((p) => p.id === top.right)!.code;
    expect(top.fragments.length).toBeGreaterThan(0);
    const lstmLine = (code: string) => code.split("\n").findIndex((l) => l.includes("tf.layers.lstm"));
    // Some fragment covers each side's LSTM line (the copied code, not the starter's comment).
    expect(top.fragments.some((f) => f[0] <= lstmLine(left) && f[2] >= lstmLine(left))).toBe(true);
    expect(top.fragments.some((f) => f[4] <= lstmLine(right) && f[6] >= lstmLine(right))).toBe(true);
    // Dolos matches syntax, not names: each fragment covers the same code on both sides once
    // names, numbers and layout are set aside (one side's simpleRNN line may match the other's
    // lstm line, which has the same shape).
    const shape = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "").replace(/[A-Za-z_$][\w$]*|\d+(\.\d+)?/g, "x").replace(/\s+/g, "");
    for (const f of top.fragments) expect(shape(covered(right, f.slice(4)))).toBe(shape(covered(left, f.slice(0, 4))));
  });

  it("compares only different owners, and keeps the most similar pairs when asked", async () => {
    const twice = [...programs, { id: "original-again", owner: "original", code: fixture("original") }];
    const { pairs, compared } = await comparePrograms(twice, { template: starter });
    expect(compared).toBe(6 + 3);
    expect(pairs.some((p) => key(p) === "original+original-again")).toBe(false);
    const top = await comparePrograms(twice, { template: starter, maxPairs: 2 });
    expect(top.pairs.map(key)).toEqual(pairs.slice(0, 2).map(key));
  });

  it("builds fragments for the most similar pairs only when asked", async () => {
    const { pairs } = await comparePrograms(programs, { template: starter, maxFragmentPairs: 1 });
    expect(pairs[0].fragments?.length).toBeGreaterThan(0);
    expect(pairs.slice(1).every((p) => p.fragments === null)).toBe(true);
  });

  it("answers no pairs for fewer than two programs", async () => {
    expect((await comparePrograms([programs[0]])).pairs).toEqual([]);
  });
});
