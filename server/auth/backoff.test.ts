import { describe, expect, it } from "vitest";
import { delayMs, MAX_DOUBLINGS, retryAt } from "./backoff";

const t = (s: number) => new Date(Date.UTC(2026, 2, 1) + s * 1000);
const WINDOW = 15 * 60_000;

describe("login backoff", () => {
  it("is free for the first failures, then doubles from the first delay up to its cap", () => {
    expect([0, 1, 2, 3, 4].map((n) => delayMs(n, 5, 1000))).toEqual([0, 0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9].map((n) => delayMs(n, 5, 1000))).toEqual([1000, 2000, 4000, 8000, 16_000]);
    const cap = 1000 * 2 ** MAX_DOUBLINGS;
    expect(cap).toBe(256_000);
    expect(delayMs(5 + MAX_DOUBLINGS, 5, 1000)).toBe(cap);
    expect(delayMs(5000, 5, 1000)).toBe(cap);
  });

  it("waits from the newest failure, or until enough failures leave the window if that comes first", () => {
    // Three free, three failures: one second after the newest.
    const recent = { count: 3, newest: [t(10), t(5), t(0)] };
    expect(retryAt(recent, 3, WINDOW, 1000, t(10))).toEqual(t(11));
    expect(retryAt(recent, 3, WINDOW, 1000, t(11))).toBeNull();
    // A 40 s first delay, but the third-newest failure leaves the window after 15 minutes.
    const old = { count: 3, newest: [t(899), t(1), t(0)] };
    expect(retryAt(old, 3, WINDOW, 40_000, t(899))).toEqual(t(900));
    expect(retryAt({ count: 2, newest: [t(0), t(0)] }, 3, WINDOW, 1000, t(0))).toBeNull();
  });
});
