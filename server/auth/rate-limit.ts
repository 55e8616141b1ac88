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
 * The address is the first one in X-Forwarded-For. Next.js fills that header in with the
 * connection's address when a request comes without it, but keeps one the client sent: only
 * a reverse proxy that overwrites the header makes the address trustworthy (else a guesser can
 * claim a new address for every attempt). With no address at all (UNKNOWN_IP) failures count
 * per account alone, a stranger can slow an account down (never lock it), and there is no
 * address cap, which would otherwise be shared by everyone.
 *
 * Failures are stored in the database so the web server's restarts and processes share them.
 */
import { db } from "../db";
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

async function recentFailures(bucket: Bucket, free: number, now: Date): Promise<RecentFailures> {
  const where = { ...bucket, createdAt: { gt: windowStart(now) } };
  // The count and only the newest few rows: a flood of failures cannot make this read large.
  const [count, newest] = await Promise.all([
    db.loginAttempt.count({ where }),
    db.loginAttempt.findMany({ where, orderBy: { createdAt: "desc" }, take: free, select: { createdAt: true } }),
  ]);
  return { count, newest: newest.map((r) => r.createdAt) };
}

export async function loginRateLimit(email: string, ip: string, now = new Date()): Promise<RateLimitState> {
  const buckets: [Bucket, number][] = [[{ ip, email: email.toLowerCase() }, env.TREINO_LOGIN_MAX_FAILURES]];
  if (ip !== UNKNOWN_IP) buckets.push([{ ip }, env.TREINO_LOGIN_MAX_FAILURES * IP_FACTOR]);
  let latest: Date | null = null;
  for (const [bucket, free] of buckets) {
    const at = backoffRetryAt(await recentFailures(bucket, free, now), free, windowMs(), env.TREINO_LOGIN_DELAY_SECONDS * 1000, now);
    if (at && (!latest || at > latest)) latest = at;
  }
  return latest ? { blocked: true, retryAt: latest } : { blocked: false, retryAt: null };
}

export async function recordLoginFailure(email: string, ip: string, now = new Date()): Promise<void> {
  await db.loginAttempt.create({ data: { email: email.toLowerCase(), ip, createdAt: now } });
  // Keep the table small: what left the window counts for nothing.
  await db.loginAttempt.deleteMany({ where: { createdAt: { lte: windowStart(now) } } });
}

/** After a successful login: this pair starts over. Failures from other addresses stay theirs. */
export async function clearLoginFailures(email: string, ip: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { email: email.toLowerCase(), ip } });
}
