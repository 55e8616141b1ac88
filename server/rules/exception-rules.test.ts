import { describe, expect, it } from "vitest";
import { countingGrade } from "./counting-grade";
import { closesAt, creditAt, windowAt } from "./deadlines";
import { ExceptionIndex, withException } from "./exception-rules";
import { ruleRefusal } from "./refusal";
import { limitState } from "./submission-limit";

const d = (s: string) => new Date(`2026-03-${s}Z`);
const task = { opensAt: null, dueAt: d("10T23:59:59"), lateUntil: null, lateCredit: 0.5, maxPerDay: 2 as number | null, policy: "best" };
const none = { dueAt: null, lateUntil: null, extraAttempts: null, lateCredit: null };
const second = (date: Date) => new Date(date.getTime() + 1000);

describe("a student's rules under an exception", () => {
  it("a later deadline: on time at exactly the new due second, closed one second after", () => {
    const rules = withException(task, { ...none, dueAt: d("12T23:59:59") });
    expect(windowAt(rules, d("12T23:59:59"))).toBe("onTime");
    expect(creditAt(rules, d("12T23:59:59"))).toBe(1);
    expect(windowAt(rules, second(d("12T23:59:59")))).toBe("closed");
    // The task itself is untouched: the class closed two days before.
    expect(windowAt(task, second(task.dueAt))).toBe("closed");
    expect(ruleRefusal({ ...rules, window: "closed", limit: null, remaining: null, nextFreeAt: null })).toEqual({ code: "rules.closed", params: { closedAt: d("12T23:59:59").toISOString() } });
  });

  it("a late window of its own, at its own credit", () => {
    const rules = withException(task, { ...none, dueAt: d("12T00:00:00"), lateUntil: d("14T00:00:00"), lateCredit: 0.8 });
    expect(windowAt(rules, second(d("12T00:00:00")))).toBe("late");
    expect(creditAt(rules, second(d("12T00:00:00")))).toBe(0.8);
    expect(creditAt(rules, d("14T00:00:00"))).toBe(0.8);
    expect(windowAt(rules, second(d("14T00:00:00")))).toBe("closed");
  });

  it("never moves a date earlier: the task's own later deadline or late window wins", () => {
    const moved = { ...task, dueAt: d("20T00:00:00"), lateUntil: d("25T00:00:00") };
    const rules = withException(moved, { ...none, dueAt: d("12T00:00:00"), lateUntil: d("15T00:00:00") });
    expect(rules.dueAt).toEqual(d("20T00:00:00"));
    expect(rules.lateUntil).toEqual(d("25T00:00:00"));
    // No deadline on the task: the exception imposes none.
    expect(withException({ ...task, dueAt: null }, { ...none, dueAt: d("12T00:00:00") }).dueAt).toBeNull();
  });

  it("a deadline past the task's late window closes at the student's deadline, and says so", () => {
    const withLate = { ...task, lateUntil: d("11T23:59:59") };
    const rules = withException(withLate, { ...none, dueAt: d("13T00:00:00") });
    expect(closesAt(rules)).toEqual(d("13T00:00:00"));
    expect(windowAt(rules, d("12T12:00:00"))).toBe("onTime");
    const closed = ruleRefusal({ ...rules, window: windowAt(rules, d("13T00:00:01")), limit: null, remaining: null, nextFreeAt: null });
    expect(closed).toEqual({ code: "rules.closed", params: { closedAt: d("13T00:00:00").toISOString() } });
  });

  it("extra attempts raise the 24-hour limit by that many, and are used up like the rest", () => {
    const rules = withException(task, { ...none, extraAttempts: 1 });
    expect(rules.maxPerDay).toBe(3);
    const now = d("05T12:00:00");
    const past = (n: number) => Array.from({ length: n }, (_, i) => ({ createdAt: new Date(now.getTime() - (i + 1) * 60_000), failureKind: null }));
    expect(limitState(rules.maxPerDay, past(2), now)).toMatchObject({ limit: 3, remaining: 1 });
    expect(limitState(rules.maxPerDay, past(3), now)).toMatchObject({ limit: 3, remaining: 0 });
    // A task with no limit has nothing to raise.
    expect(withException({ ...task, maxPerDay: null }, { ...none, extraAttempts: 5 }).maxPerDay).toBeNull();
  });

  it("another late credit counts in the counting grade", () => {
    const late = [{ id: "late", createdAt: d("11T10:00:00"), score: 10, maxScore: 10 }];
    const withLate = { ...task, lateUntil: d("12T23:59:59") };
    expect(countingGrade(withLate, late)).toMatchObject({ points: 5, late: true });
    expect(countingGrade(withException(withLate, { ...none, lateCredit: 0.9 }), late)).toMatchObject({ points: 9, late: true });
    expect(countingGrade(withException(withLate, { ...none, lateCredit: 0 }), late)).toMatchObject({ points: 0, late: true });
  });

  it("no exception leaves the task's rules as they are", () => {
    expect(withException(task, null)).toBe(task);
    expect(withException(task, none)).toEqual(task);
  });

  it("looks exceptions up by task and student, the later row winning", () => {
    const index = new ExceptionIndex([
      { taskId: "t", userId: "ana", ...none, extraAttempts: 1 },
      { taskId: "t", userId: "ana", ...none, extraAttempts: 4 },
      { taskId: "u", userId: "bia", ...none, lateCredit: 0.1 },
    ]);
    expect(index.get("t", "ana")?.extraAttempts).toBe(4);
    expect(index.get("t", "bia")).toBeNull();
    expect(index.get("u", "ana")).toBeNull();
  });
});
