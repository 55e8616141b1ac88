import { describe, expect, it } from "vitest";
import { countingRulesChanged, recount } from "./recount";

const d = (s: string) => new Date(`2026-03-${s}Z`);
const rules = { opensAt: null, dueAt: d("10T23:59:59"), lateUntil: d("14T23:59:59"), lateCredit: 0.5, policy: "best" };
const graded = [
  { userId: "ana", id: "ana-late", createdAt: d("12T10:00:00"), score: 10, maxScore: 10 },
  { userId: "bia", id: "bia-on-time", createdAt: d("05T10:00:00"), score: 8, maxScore: 10 },
  { userId: "caio", id: "caio-early", createdAt: d("03T10:00:00"), score: 4, maxScore: 10 },
  { userId: "caio", id: "caio-late", createdAt: d("11T10:00:00"), score: 9, maxScore: 10 },
];

describe("recounting with new dates", () => {
  it("a later deadline turns late work into on-time work, at full credit", () => {
    const changes = recount(rules, { ...rules, dueAt: d("13T23:59:59") }, graded);
    expect(changes.map((c) => c.userId).sort()).toEqual(["ana", "caio"]);
    const ana = changes.find((c) => c.userId === "ana")!;
    expect(ana.before).toMatchObject({ points: 5, late: true });
    expect(ana.after).toMatchObject({ points: 10, late: false });
    // Bia handed in on time under both deadlines: untouched.
    expect(changes.some((c) => c.userId === "bia")).toBe(false);
  });

  it("an earlier close drops work made after it, and the best earlier one counts instead", () => {
    const changes = recount(rules, { ...rules, lateUntil: null }, graded);
    const caio = changes.find((c) => c.userId === "caio")!;
    expect(caio.before).toMatchObject({ submissionId: "caio-late", points: 4.5 });
    expect(caio.after).toMatchObject({ submissionId: "caio-early", points: 4 });
    expect(changes.find((c) => c.userId === "ana")!.after).toBeNull();
  });

  it("a new late credit moves only late grades; the same rules move nothing", () => {
    expect(recount(rules, { ...rules, lateCredit: 0.8 }, graded).map((c) => c.userId).sort()).toEqual(["ana", "caio"]);
    expect(recount(rules, { ...rules }, graded)).toEqual([]);
  });

  it("tells a change of dates, credit or policy from none", () => {
    expect(countingRulesChanged(rules, { ...rules, dueAt: new Date(rules.dueAt.getTime()) })).toBe(false);
    expect(countingRulesChanged(rules, { ...rules, dueAt: d("11T00:00:00") })).toBe(true);
    expect(countingRulesChanged(rules, { ...rules, policy: "last" })).toBe(true);
    expect(countingRulesChanged(rules, { ...rules, lateCredit: 1 })).toBe(true);
  });
});

describe("recounting with exceptions", () => {
  const exception = { dueAt: d("13T23:59:59"), lateUntil: null, extraAttempts: null, lateCredit: null };
  it("a student's own deadline counts their late work in full; granting and revoking it move only their grade", () => {
    const granted = recount(rules, rules, graded, () => null, (userId) => (userId === "ana" ? exception : null));
    expect(granted).toEqual([{ userId: "ana", before: expect.objectContaining({ points: 5, late: true }), after: expect.objectContaining({ points: 10, late: false }) }]);
    const revoked = recount(rules, rules, graded, (userId) => (userId === "ana" ? exception : null), () => null);
    expect(revoked.map((c) => [c.userId, c.before?.points, c.after?.points])).toEqual([["ana", 10, 5]]);
  });

  it("a change of the task's late credit leaves a student with their own late credit alone", () => {
    const own = (userId: string) => (userId === "caio" ? { ...exception, dueAt: null, lateCredit: 0.9 } : null);
    const changes = recount(rules, { ...rules, lateCredit: 0.8 }, graded, own);
    expect(changes.map((c) => c.userId)).toEqual(["ana"]);
  });
});
