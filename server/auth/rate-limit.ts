/**
 * Login rate limiting that slows guessing down without letting anyone lock someone else out.
 *
 * Failures count per (address, account) pair: a stranger's failures on a classmate's email
 * never slow the classmate down from another address. After TREINO_LOGIN_MAX_FAILURES free
 * failures, each further attempt from that pair waits a delay that doubles with every failure
 * (./backoff.ts); a success clears the pair. One address trying many accounts is slowed the
 * same way over all its failures, with ten times the allowance, since a classroom shares one
 * address. Failures are remembered for TREINO_LOGIN_WINDOW_MINUTES: a pair or an address quiet
 * that long starts over. Nothing locks for good.
 *
 * The address is the one the web server (scripts/web-server.mjs) wrote into X-Forwarded-For:
 * the connection's, or behind a trusted reverse proxy the client as that proxy saw it
 * (./client-address.mjs); a header the client sent itself counts for nothing. With no address
 * at all (UNKNOWN_IP) failures count per account alone, a stranger can slow an account down
 * (never lock it), and there is no address cap, which would otherwise be shared by everyone.
 *
 * An attempt is stored before its password is checked (beginLoginAttempt), as a failure
 * until it succeeds, and judged by the attempts stored before it: a burst of parallel guesses
 * is judged as if they had come one after another, so no more than the free failures reach
 * the password check, however many arrive at once. A refused attempt is taken out again (it
 * checked nothing, and waiting out the wait must be enough); a success clears the pair.
 *
 * Attempts are stored in the database so the web server's restarts and processes share them.
 */
import { db, dbProvider } from "../db";
import { env } from "../env";
import { retryAt as backoffRetryAt, type RecentFailures } from "./backoff";

/** Allowed now, or refused until `retryAt`. */
export type RateLimitState = { blocked: false; retryAt: null } | { blocked: true; retryAt: Date };

export const UNKNOWN_IP = "unknown";
/** One address's allowance over all accounts, as a multiple of one pair's. */
export const IP_FACTOR = 10;

const windowMs = () => env.TREINO_LOGIN_WINDOW_MINUTES * 60_000;
const windowStart = (now: Date) => new Date(now.getTime() - windowMs());

type Bucket = { ip: string; email?: string };

/** The failures inside the window; with `before`, only those stored before that attempt. */
async function recentFailures(bucket: Bucket, free: number, now: Date, before?: number): Promise<RecentFailures> {
  const where = { ...bucket, createdAt: { gt: windowStart(now) }, ...(before === undefined ? {} : { id: { lt: before } }) };
  // The count and only the newest few rows: a flood of failures cannot make this read large.
  const [count, newest] = await Promise.all([
    db.loginAttempt.count({ where }),
    db.loginAttempt.findMany({ where, orderBy: { createdAt: "desc" }, take: free, select: { createdAt: true } }),
  ]);
  return { count, newest: newest.map((r) => r.createdAt) };
}

async function limit(email: string, ip: string, now: Date, before?: number): Promise<RateLimitState> {
  const buckets: [Bucket, number][] = [[{ ip, email: email.toLowerCase() }, env.TREINO_LOGIN_MAX_FAILURES]];
  if (ip !== UNKNOWN_IP) buckets.push([{ ip }, env.TREINO_LOGIN_MAX_FAILURES * IP_FACTOR]);
  let latest: Date | null = null;
  for (const [bucket, free] of buckets) {
    const at = backoffRetryAt(await recentFailures(bucket, free, now, before), free, windowMs(), env.TREINO_LOGIN_DELAY_SECONDS * 1000, now);
    if (at && (!latest || at > latest)) latest = at;
  }
  return latest ? { blocked: true, retryAt: latest } : { blocked: false, retryAt: null };
}

/** Whether an attempt from this pair would be allowed now (it stores nothing). */
export function loginRateLimit(email: string, ip: string, now = new Date()): Promise<RateLimitState> {
  return limit(email, ip, now);
}

/** Any 64-bit number of Treino's own: the advisory lock that orders stored login attempts on PostgreSQL. */
const ATTEMPT_ORDER_LOCK = 7_315_082_026n;

/** Stores an attempt, as a failure until a success clears its pair; returns its id. */
async function storeAttempt(email: string, ip: string, now: Date): Promise<number> {
  const data = { email: email.toLowerCase(), ip, createdAt: now };
  // The ids must give the order attempts became visible in: each is judged by the ids below its
  // own. SQLite stores one insert at a time. On PostgreSQL an id is drawn from the sequence
  // before the insert commits, so a later id could be committed and judged while an earlier
  // one is not visible yet, and miss it; holding an advisory lock from the draw to the commit
  // makes the two orders one (logins are few: the wait is an insert's).
  const { id } =
    dbProvider === "postgresql"
      ? (await db.$transaction([db.$executeRaw`SELECT pg_advisory_xact_lock(${ATTEMPT_ORDER_LOCK})`, db.loginAttempt.create({ data, select: { id: true } })]))[1]
      : await db.loginAttempt.create({ data, select: { id: true } });
  // Keep the table small: what left the window counts for nothing.
  await db.loginAttempt.deleteMany({ where: { createdAt: { lte: windowStart(now) } } });
  return id;
}

/**
 * Starts a login attempt, before its password is checked: stores it as a failure, then
 * judges it by the attempts stored before it (the ids give the order the database stored them
 * in, across processes too). Refused: the attempt is taken out again and `retryAt` says when
 * to come back. Allowed: the caller checks the password; a wrong one needs nothing more (the
 * failure is already stored), a right one calls clearLoginFailures.
 */
export async function beginLoginAttempt(email: string, ip: string, now = new Date()): Promise<RateLimitState> {
  const id = await storeAttempt(email, ip, now);
  const state = await limit(email, ip, now, id);
  if (state.blocked) await db.loginAttempt.deleteMany({ where: { id } });
  return state;
}

/** Stores a failure outright, without judging it (the tests build up a history with it). */
export async function recordLoginFailure(email: string, ip: string, now = new Date()): Promise<void> {
  await storeAttempt(email, ip, now);
}

/** After a successful login: this pair starts over. Failures from other addresses stay theirs. */
export async function clearLoginFailures(email: string, ip: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { email: email.toLowerCase(), ip } });
}
