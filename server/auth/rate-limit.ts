/**
 * Login rate limiting: too many failed attempts for one email in a sliding window block
 * further attempts until old ones age out. Where a reverse proxy tells the client's address,
 * one address gets ten times the email's allowance (a classroom shares one address). Failures
 * are stored in the database so the web server's restarts and processes share them.
 */
import { db } from "../db";
import { env } from "../env";

export interface RateLimitState {
  blocked: boolean;
  /** When the oldest counted failure leaves the window. */
  retryAt: Date | null;
}

function windowStart(now: Date): Date {
  return new Date(now.getTime() - env.TREINO_LOGIN_WINDOW_MINUTES * 60_000);
}

export const UNKNOWN_IP = "unknown";
const IP_FACTOR = 10;

export async function loginRateLimit(email: string, ip: string, now = new Date()): Promise<RateLimitState> {
  const since = windowStart(now);
  const buckets: [object, number][] = [[{ email: email.toLowerCase() }, env.TREINO_LOGIN_MAX_FAILURES]];
  if (ip !== UNKNOWN_IP) buckets.push([{ ip }, env.TREINO_LOGIN_MAX_FAILURES * IP_FACTOR]);
  for (const [where, max] of buckets) {
    const recent = await db.loginAttempt.findMany({ where: { ...where, createdAt: { gte: since } }, orderBy: { createdAt: "asc" }, take: max });
    if (recent.length >= max) {
      return { blocked: true, retryAt: new Date(recent[0].createdAt.getTime() + env.TREINO_LOGIN_WINDOW_MINUTES * 60_000) };
    }
  }
  return { blocked: false, retryAt: null };
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  await db.loginAttempt.create({ data: { email: email.toLowerCase(), ip } });
  // Keep the table small: what left every window is of no use.
  await db.loginAttempt.deleteMany({ where: { createdAt: { lt: windowStart(new Date()) } } });
}

export async function clearLoginFailures(email: string): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { email: email.toLowerCase() } });
}
