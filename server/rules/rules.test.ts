import { describe, expect, it } from "vitest";
import { countingGrade } from "./counting-grade";
import { creditAt, windowAt } from "./deadlines";
import { limitState, WINDOW_MS } from "./submission-limit";

const d = (s: string) => new Date(`2026-03-${s}Z`);
const task = { opensAt: d("01T00:00:00"), dueAt: d("10T23:59:59"), lateUntil: d("12T23:59:59"), lateCredit: 0.7 };

describe("deadlines and late credit", () => {
  it("is on time up to the due second, late until late-until, then closed", () => {
    expect(windowAt(task, d("01T00:00:00"))).toBe("onTime");
    expect(windowAt(task, new Date(task.opensAt.getTime() - 1))).toBe("notOpen");
    expect(creditAt(task, d("10T23:59:59"))).toBe(1);
    expect(creditAt(task, new Date(task.dueAt.getTime() + 1))).toBe(0.7);
    expect(creditAt(task, d("12T23:59:59"))).toBe(0.7);
    expect(windowAt(task, new Date(task.lateUntil.getTime() + 1))).toBe("closed");
    expect(creditAt(task, new Date(task.lateUntil.getTime() + 1))).toBe(0);
  });

  it("with no late period, closes at the deadline; with no deadline, never", () => {
    expect(windowAt({ ...task, lateUntil: null }, new Date(task.dueAt.getTime() + 1))).toBe("closed");
    expect(windowAt({ opensAt: null, dueAt: null, lateUntil: null, lateCredit: 1 }, d("30T00:00:00"))).toBe("onTime");
  });
});

describe("the counting grade", () => {
  const subs = [
    { id: "early", createdAt: d("05T10:00:00"), score: 6, maxScore: 10 },
    { id: "best-late", createdAt: d("11T10:00:00"), score: 10, maxScore: 10 }, // 7 after penalty
    { id: "last-on-time", createdAt: d("10T20:00:00"), score: 5, maxScore: 10 },
    { id: "after-close", createdAt: d("13T10:00:00"), score: 10, maxScore: 10 },
  ];

  it("best: the highest after the late penalty, ignoring work after the close", () => {
    expect(countingGrade({ ...task, policy: "best" }, subs)).toMatchObject({ submissionId: "best-late", points: 7, rawScore: 10, late: true });
  });

  it("last: the newest eligible submission", () => {
    expect(countingGrade({ ...task, policy: "last" }, subs)).toMatchObject({ submissionId: "best-late", points: 7 });
    expect(countingGrade({ ...task, lateUntil: null, policy: "last" }, subs)).toMatchObject({ submissionId: "last-on-time", points: 5, late: false });
  });

  it("breaks ties by the earlier submission, and is null with nothing eligible", () => {
    const tie = [{ id: "b", createdAt: d("06T00:00:00"), score: 8, maxScore: 10 }, { id: "a", createdAt: d("05T00:00:00"), score: 8, maxScore: 10 }];
    expect(countingGrade({ ...task, policy: "best" }, tie)?.submissionId).toBe("a");
    expect(countingGrade({ ...task, policy: "best" }, [subs[3]])).toBeNull();
  });
});

describe("the rolling 24-hour limit", () => {
  const now = d("05T12:00:00");
  const ago = (ms: number, failureKind: string | null = null) => ({ createdAt: new Date(now.getTime() - ms), failureKind });

  it("counts submissions inside the window only, at its boundary too", () => {
    const past = [ago(WINDOW_MS), ago(WINDOW_MS - 1), ago(1000)];
    expect(limitState(3, past, now)).toMatchObject({ used: 2, remaining: 1, nextFreeAt: null });
  });

  it("does not count compile failures, and says when the next one frees up", () => {
    const past = [ago(3 * 3600_000), ago(2 * 3600_000, "syntax"), ago(3600_000, "timeout")];
    const s = limitState(2, past, now);
    expect(s).toMatchObject({ used: 2, remaining: 0 });
    expect(s.nextFreeAt).toEqual(new Date(now.getTime() - 3 * 3600_000 + WINDOW_MS));
    expect(limitState(null, past, now)).toMatchObject({ remaining: null, used: 2 });
  });
});
