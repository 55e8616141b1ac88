/**
 * How long a run of failed logins makes the next attempt wait. Pure arithmetic, so the rule
 * can be read and tested apart from where the failures are stored.
 *
 * The first `free` failures cost nothing: people mistype. From then on each failure doubles
 * the wait before the next attempt, counted from that failure: 1 s, 2 s, 4 s, ... with the
 * default first delay. A person retyping a password barely notices the first few seconds,
 * while a script's guesses quickly become minutes apart. The wait stops doubling after
 * MAX_DOUBLINGS (256 × the first delay: about 4 minutes by default): beyond that a longer
 * wait would slow a guesser little more (failures leave the window anyway) but would keep a
 * person who finally remembers the password waiting for nothing. Nothing ever locks: once the
 * wait is over, or enough failures have left the window, the next attempt is allowed.
 */
export const MAX_DOUBLINGS = 8;

/** The wait after `failures` recent failures, when the first `free` cost nothing. */
export function delayMs(failures: number, free: number, firstDelayMs: number): number {
  if (failures < free) return 0;
  return firstDelayMs * 2 ** Math.min(failures - free, MAX_DOUBLINGS);
}

export interface RecentFailures {
  /** Failures still inside the window. */
  count: number;
  /** The newest failures, newest first: at least `free` of them when count >= free. */
  newest: Date[];
}

/**
 * When the next attempt is allowed, or null when it is allowed now. Whichever comes first:
 * the wait after the last failure ends, or enough failures leave the window that fewer than
 * `free` remain (the `free`-th newest one leaving). Waiting only ever lowers the count, so
 * an attempt at the answer is never refused.
 */
export function retryAt(recent: RecentFailures, free: number, windowMs: number, firstDelayMs: number, now: Date): Date | null {
  // Fewer rows than counted: some aged out between the two reads; too few to wait for.
  if (recent.count < free || recent.newest.length < free) return null;
  const waitEnds = recent.newest[0].getTime() + delayMs(recent.count, free, firstDelayMs);
  const countDrops = recent.newest[free - 1].getTime() + windowMs;
  const at = Math.min(waitEnds, countDrops);
  return at > now.getTime() ? new Date(at) : null;
}
