/**
 * Runs the cheat battery of one task: every cheat must not pass, must earn nothing on the
 * checks it targets, and must be told why (a failure, or feedback on each zeroed check).
 */
import { describe, expect, it } from "vitest";
import { battery } from "./battery";
import { grade } from "./grade";

export function cheatBattery(task: string): void {
  const cheats = battery("cheats", task);
  describe(`${task}: cheats earn nothing`, () => {
    it("has cheats to try", () => expect(cheats.length).toBeGreaterThan(0));
    for (const cheat of cheats) {
      it(`${cheat.name}: ${cheat.what}`, async () => {
        const r = await grade(task, cheat.code);
        const summary = JSON.stringify({ failure: r.failure?.message, checks: r.checks.map((c) => [c.id, c.points, c.feedback?.en]) });
        expect(r.passed, summary).toBe(false);
        for (const id of cheat.zero) {
          const check = r.checks.find((c) => c.id === id);
          expect(check, `${id} missing: ${summary}`).toBeDefined();
          expect(check!.points, `${id}: ${summary}`).toBe(0);
          // Clear to the student: the job's failure says what happened, or the check does.
          const why = r.failure?.text.en ?? check!.feedback?.en ?? "";
          expect(why.length, `${id} says nothing: ${summary}`).toBeGreaterThan(20);
        }
      });
    }
  });
}
