import { describe, expect, it } from "vitest";
import { windowAt } from "./deadlines";
import { ruleRefusal } from "./refusal";

const at = (iso: string) => new Date(iso);
const base = { opensAt: null, dueAt: null, lateUntil: null, limit: null, remaining: null, nextFreeAt: null };
const now = at("2026-05-10T12:00:00Z");

describe("ruleRefusal", () => {
  it("takes work on time, and late work while the late window is open", () => {
    const dates = { ...base, dueAt: at("2026-05-09T12:00:00Z"), lateUntil: at("2026-05-11T12:00:00Z"), lateCredit: 0.5 };
    expect(windowAt(dates, now)).toBe("late");
    expect(ruleRefusal({ ...dates, window: windowAt(dates, now) })).toBeNull();
    expect(ruleRefusal({ ...base, window: "onTime" })).toBeNull();
  });

  it("refuses after the deadline when late work is not taken, naming the deadline", () => {
    const dates = { ...base, dueAt: at("2026-05-09T12:00:00Z"), lateCredit: 0 };
    expect(ruleRefusal({ ...dates, window: windowAt(dates, now) })).toEqual({ code: "rules.closed", params: { closedAt: "2026-05-09T12:00:00.000Z" } });
  });

  it("names the end of the late window once that has passed too", () => {
    const dates = { ...base, dueAt: at("2026-05-01T12:00:00Z"), lateUntil: at("2026-05-05T12:00:00Z"), lateCredit: 0.5 };
    expect(ruleRefusal({ ...dates, window: windowAt(dates, now) })).toEqual({ code: "rules.closed", params: { closedAt: "2026-05-05T12:00:00.000Z" } });
  });

  it("refuses before the opening and when the 24-hour allowance is used up", () => {
    expect(ruleRefusal({ ...base, opensAt: at("2026-05-12T00:00:00Z"), window: "notOpen" })).toEqual({ code: "rules.notOpen", params: { opensAt: "2026-05-12T00:00:00.000Z" } });
    const next = at("2026-05-10T15:00:00Z");
    expect(ruleRefusal({ ...base, window: "onTime", limit: 3, remaining: 0, nextFreeAt: next })).toEqual({ code: "rules.limit", params: { limit: 3, nextFreeAt: next.toISOString() } });
    expect(ruleRefusal({ ...base, window: "onTime", limit: 3, remaining: 1 })).toBeNull();
  });
});
