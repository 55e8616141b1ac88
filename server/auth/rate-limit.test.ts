/**
 * The login rate limit against a real SQLite file: per (address, account) pair, slowing down
 * rather than locking, a generous per-address cap, attempts judged in the order they were
 * stored (a parallel burst gets no more than the free failures), and the wiring in next-auth's
 * authorize(). Time is passed in explicitly: nothing here waits.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freshDatabase } from "../../tests/web/test-db";

const testDb = freshDatabase();
// The settings are read once at import: fix them here rather than inherit the shell's.
Object.assign(process.env, { TREINO_LOGIN_MAX_FAILURES: "3", TREINO_LOGIN_WINDOW_MINUTES: "15", TREINO_LOGIN_DELAY_SECONDS: "1" });
const { db } = await import("../db");
const { loginRateLimit, beginLoginAttempt, recordLoginFailure, clearLoginFailures, IP_FACTOR, UNKNOWN_IP } = await import("./rate-limit");
const { authOptions } = await import("./index");
const { upsertInstructor } = await import("../accounts/register");

const FREE = 3;
const t0 = Date.UTC(2026, 2, 1, 9);
const at = (seconds: number) => new Date(t0 + seconds * 1000);
/** Seconds until an attempt is allowed, 0 when it is allowed now. */
async function waitFor(email: string, ip: string, now: Date): Promise<number> {
  const state = await loginRateLimit(email, ip, now);
  return state.blocked ? (state.retryAt.getTime() - now.getTime()) / 1000 : 0;
}
async function fail(email: string, ip: string, times: number, now: Date) {
  for (let i = 0; i < times; i++) await recordLoginFailure(email, ip, now);
}

beforeEach(async () => {
  await db.loginAttempt.deleteMany();
});

afterAll(async () => {
  await db.$disconnect();
  testDb.cleanup();
});

describe("login rate limit", () => {
  it("never slows an account down from another address because of a stranger's failures", async () => {
    await fail("ana@x.org", "203.0.113.66", 40, at(0));
    expect(await waitFor("ana@x.org", "203.0.113.66", at(0))).toBeGreaterThan(0);
    expect(await waitFor("ana@x.org", "198.51.100.7", at(0))).toBe(0);
    expect(await waitFor("ANA@x.org", "198.51.100.7", at(0))).toBe(0);
  });

  it("lets the first failures pass, then makes each further attempt wait twice as long", async () => {
    const waits: number[] = [];
    let now = 0;
    for (let failures = 0; failures < FREE + 5; failures++) {
      const wait = await waitFor("bia@x.org", "203.0.113.1", at(now));
      waits.push(wait);
      // Try again as soon as allowed, and fail again.
      now += wait;
      expect(await waitFor("bia@x.org", "203.0.113.1", at(now))).toBe(0);
      await recordLoginFailure("bia@x.org", "203.0.113.1", at(now));
    }
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16]);
    expect(await waitFor("bia@x.org", "203.0.113.1", at(now))).toBe(32);
  });

  it("refuses inside the wait and allows again once it is over, or once the failures leave the window", async () => {
    await fail("caio@x.org", "203.0.113.2", FREE + 1, at(0));
    const state = await loginRateLimit("caio@x.org", "203.0.113.2", at(0));
    expect(state).toEqual({ blocked: true, retryAt: at(2) });
    expect((await loginRateLimit("caio@x.org", "203.0.113.2", new Date(t0 + 1999))).blocked).toBe(true);
    expect((await loginRateLimit("caio@x.org", "203.0.113.2", at(2))).blocked).toBe(false);

    // However many failures, the wait stops growing at 256 × the first delay, and nothing locks.
    await fail("caio@x.org", "203.0.113.2", 100, at(10));
    expect(await waitFor("caio@x.org", "203.0.113.2", at(10))).toBe(256);
    expect(await waitFor("caio@x.org", "203.0.113.2", at(10 + 256))).toBe(0);
    // A pair quiet for the whole window starts over with its free failures.
    await fail("dora@x.org", "203.0.113.5", FREE, at(0));
    expect(await waitFor("dora@x.org", "203.0.113.5", at(15 * 60))).toBe(0);
    await recordLoginFailure("dora@x.org", "203.0.113.5", at(15 * 60));
    expect(await waitFor("dora@x.org", "203.0.113.5", at(15 * 60))).toBe(0);
  });

  it("forgets a pair's failures on success, and only that pair's", async () => {
    await fail("eva@x.org", "203.0.113.3", 10, at(0));
    await fail("eva@x.org", "203.0.113.4", 10, at(0));
    await clearLoginFailures("EVA@x.org", "203.0.113.3");
    expect(await waitFor("eva@x.org", "203.0.113.3", at(0))).toBe(0);
    expect(await waitFor("eva@x.org", "203.0.113.4", at(0))).toBeGreaterThan(0);
  });

  it("slows down one address trying many accounts, after a classroom-sized allowance", async () => {
    const ip = "192.0.2.10";
    // Each account fails once: no pair is near its limit, only the address.
    for (let i = 0; i < FREE * IP_FACTOR - 1; i++) await recordLoginFailure(`student${i}@x.org`, ip, at(0));
    expect(await waitFor("new@x.org", ip, at(0))).toBe(0);
    await recordLoginFailure("last@x.org", ip, at(0));
    expect(await waitFor("new@x.org", ip, at(0))).toBe(1);
    expect(await waitFor("new@x.org", ip, at(1))).toBe(0);
    // Another address is not affected, and without a known address there is no address cap.
    expect(await waitFor("new@x.org", "192.0.2.11", at(0))).toBe(0);
    for (let i = 0; i < FREE * IP_FACTOR; i++) await recordLoginFailure(`student${i}@x.org`, UNKNOWN_IP, at(0));
    expect(await waitFor("new@x.org", UNKNOWN_IP, at(0))).toBe(0);
  });

  it("judges an attempt by those stored before it, keeps it as a failure, and takes a refused one out", async () => {
    const pair = ["gil@x.org", "203.0.113.20"] as const;
    for (let i = 0; i < FREE; i++) expect(await beginLoginAttempt(...pair, at(0))).toEqual({ blocked: false, retryAt: null });
    // Each allowed attempt stays stored as a failure until a success clears the pair.
    expect(await db.loginAttempt.count({ where: { ip: pair[1] } })).toBe(FREE);
    expect(await beginLoginAttempt(...pair, at(0))).toEqual({ blocked: true, retryAt: at(1) });
    // The refused one is not kept: waiting out the first delay is enough.
    expect(await db.loginAttempt.count({ where: { ip: pair[1] } })).toBe(FREE);
    expect((await beginLoginAttempt(...pair, at(1))).blocked).toBe(false);
    expect(await db.loginAttempt.count({ where: { ip: pair[1] } })).toBe(FREE + 1);
  });

  it("lets no more than the free failures through a burst of parallel attempts", async () => {
    const states = await Promise.all(Array.from({ length: 20 }, () => beginLoginAttempt("hugo@x.org", "203.0.113.21", at(0))));
    expect(states.filter((s) => !s.blocked)).toHaveLength(FREE);
    expect(await db.loginAttempt.count({ where: { ip: "203.0.113.21" } })).toBe(FREE);
  });
});

describe("signing in", () => {
  type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
  const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  // The one address scripts/web-server.mjs writes into the header.
  const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

  beforeAll(async () => {
    await upsertInstructor({ name: "Fabi", email: "fabi@x.org", password: "right-password" });
  });
  // authorize() reads the clock itself: only Date is frozen, so nothing depends on how fast this runs.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(at(0));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("refuses with the wait in the message, lets another address in, and clears on success", async () => {
    for (let i = 0; i < FREE + 1; i++) {
      if (i === FREE) vi.setSystemTime(at(1)); // the fourth attempt waits the first delay
      expect(await authorize({ email: "fabi@x.org", password: "wrong" }, from("203.0.113.9"))).toBeNull();
    }
    // Even the right password is refused inside the wait (2 s after the fourth failure), before it is checked.
    await expect(authorize({ email: "fabi@x.org", password: "right-password" }, from("203.0.113.9"))).rejects.toThrow(/^rate-limited:2$/);
    expect(await authorize({ email: "fabi@x.org", password: "right-password" }, from("198.51.100.9"))).toMatchObject({ email: "fabi@x.org" });
    expect(await db.loginAttempt.count({ where: { ip: "203.0.113.9" } })).toBe(FREE + 1);

    // Once the wait is over, the right password gets in and the pair starts over.
    vi.setSystemTime(at(3));
    expect(await authorize({ email: "fabi@x.org", password: "right-password" }, from("203.0.113.9"))).toMatchObject({ email: "fabi@x.org" });
    expect(await db.loginAttempt.count({ where: { ip: "203.0.113.9" } })).toBe(0);
  });

  it("lets no more than the free failures of a parallel burst reach the password check", async () => {
    // Every call either checks the password (null: wrong) or is refused before (rate-limited).
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => authorize({ email: "fabi@x.org", password: "wrong" }, from("203.0.113.10"))));
    const checked = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(checked).toHaveLength(FREE);
    expect(checked.every((o) => o.value === null)).toBe(true);
    expect(refused).toHaveLength(20 - FREE);
    expect(refused.every((o) => /^rate-limited:\d+$/.test(String(o.reason?.message)))).toBe(true);
    // The checked ones are the stored failures; the next attempt, even right, waits the first delay.
    expect(await db.loginAttempt.count({ where: { ip: "203.0.113.10" } })).toBe(FREE);
    await expect(authorize({ email: "fabi@x.org", password: "right-password" }, from("203.0.113.10"))).rejects.toThrow(/^rate-limited:1$/);
    vi.setSystemTime(at(1));
    expect(await authorize({ email: "fabi@x.org", password: "right-password" }, from("203.0.113.10"))).toMatchObject({ email: "fabi@x.org" });
  });
});
