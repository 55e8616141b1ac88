/**
 * Valid variants, written unlike the reference solutions (functional API, stacked,
 * bidirectional, cells, masks, dropout, other optimisers and losses): each passes, with its
 * contract met and its recurrent layer doing the work.
 */
import { describe, expect, it } from "vitest";
import { battery } from "./battery";
import { grade } from "./grade";

for (const task of ["next-number", "sine-forecast", "imdb-sentiment"]) {
  const variants = battery("variants", task);
  describe(`${task}: valid variants pass`, () => {
    it("has variants to try", () => expect(variants.length).toBeGreaterThanOrEqual(task === "imdb-sentiment" ? 3 : 5));
    for (const v of variants) {
      it(`${v.name}: ${v.what}`, async () => {
        const r = await grade(task, v.code);
        const summary = JSON.stringify({ failure: r.failure?.message, checks: r.checks.map((c) => [c.id, c.points, c.feedback?.en]) });
        expect(r.failure, summary).toBeUndefined();
        expect(r.passed, summary).toBe(true);
        for (const m of Object.values(r.models)) expect(m.contract?.ok, summary).toBe(true);
      });
    }
  });
}
