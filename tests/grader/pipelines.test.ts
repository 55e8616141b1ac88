/**
 * The student's own data preparation feeds their model: a windowing or padding bug costs what
 * it would cost in Keras, and the result says why. Each file in `pipelines/<task>/` is a
 * plausible student bug; its header says what must follow:
 *   // pipeline: <the bug>
 *   // failure: <kind>       the grading fails with this kind...
 *   // message: <text>       ...and this text in its English message
 *   // failed: <check ids>   or: these checks earn nothing, the submission does not pass
 *   // note: <text>          and a diagnostic says this (how the data differs)
 */
import { describe, expect, it } from "vitest";
import { battery, header as headerOf } from "./battery";
import { grade } from "./grade";

for (const task of ["sine-forecast", "imdb-sentiment"]) {
  describe(`${task}: the student's pipeline feeds the model`, () => {
    const files = battery("pipelines", task);
    it("has pipeline bugs to try", () => expect(files.length).toBeGreaterThanOrEqual(2));
    for (const { name, code, what } of files) {
      const header = (key: string) => headerOf(code, key);
      it(`${name}: ${what}`, async () => {
        const r = await grade(task, code);
        const summary = JSON.stringify({ failure: r.failure?.message, checks: r.checks.map((c) => [c.id, c.points, c.feedback?.en]), diagnostics: r.diagnostics.map((d) => d.text.en) });
        expect(r.passed, summary).toBe(false);
        const failure = header("failure");
        if (failure) {
          expect(r.failure?.kind, summary).toBe(failure);
          expect(r.failure?.text.en, summary).toContain(header("message"));
          expect(r.failure?.text["pt-BR"].length, summary).toBeGreaterThan(20);
        } else {
          expect(r.failure, summary).toBeUndefined();
          for (const id of header("failed")!.split(",").map((s) => s.trim())) expect(r.checks.find((c) => c.id === id)?.points, `${id}: ${summary}`).toBe(0);
        }
        const note = header("note");
        if (note) expect(r.diagnostics.some((d) => d.text.en.includes(note)), summary).toBe(true);
      });
    }
  });
}
