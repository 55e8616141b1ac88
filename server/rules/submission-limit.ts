/**
 * The rolling 24-hour limit on submissions. Submissions that failed to compile do not
 * count (the student should not pay for a typo); ones still waiting or running do, since
 * they may well compile.
 */
export const WINDOW_MS = 24 * 3600 * 1000;
export const NOT_COUNTED = new Set(["syntax", "type", "import"]);

export interface PastSubmission {
  createdAt: Date;
  /** The current result's failure kind; null while ungraded or when it did not fail. */
  failureKind: string | null;
}

export interface LimitState {
  limit: number | null;
  used: number;
  remaining: number | null;
  /** When the next submission frees up, if none is left now. */
  nextFreeAt: Date | null;
}

export function limitState(limit: number | null, past: PastSubmission[], now: Date): LimitState {
  const since = now.getTime() - WINDOW_MS;
  const counted = past
    .filter((s) => s.createdAt.getTime() > since && !(s.failureKind && NOT_COUNTED.has(s.failureKind)))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  if (limit == null) return { limit: null, used: counted.length, remaining: null, nextFreeAt: null };
  const remaining = Math.max(0, limit - counted.length);
  // With none left, a slot frees when enough of the oldest counted ones leave the window.
  const nextFreeAt = remaining > 0 ? null : new Date(counted[counted.length - limit].createdAt.getTime() + WINDOW_MS);
  return { limit, used: counted.length, remaining, nextFreeAt };
}
