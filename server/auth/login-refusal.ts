/**
 * How a login refused by the rate limit tells the login page how long to wait. next-auth
 * passes only the message of the error thrown by authorize() back to signIn(), so the wait
 * travels inside it: "rate-limited:<seconds>". Shared by the server and the login form (this
 * module imports nothing, so it is safe in the browser bundle).
 */
export const RATE_LIMITED = "rate-limited";

/** Whole seconds, rounded up: "wait 0 s" would be refused again. */
export function rateLimitedMessage(retryAt: Date, now = new Date()): string {
  return `${RATE_LIMITED}:${Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000))}`;
}

// A plain pattern rather than zod: the value comes back in the URL, and this keeps the
// validation library out of the login page's bundle.
const pattern = /^rate-limited:(\d{1,9})$/;

/** The wait in a refused login's error, or null when the error is something else. */
export function readRateLimited(error: string | null | undefined): { seconds: number } | null {
  const match = error ? pattern.exec(error) : null;
  return match ? { seconds: Number(match[1]) } : null;
}
