/**
 * Watching one submission for the live page: the grading worker is another process and
 * writes only to the database, so the server reads the row's few changing columns at a
 * short interval and hands on a full view (through the one access rule of `getSubmissionView`)
 * when they change. A regrade shows up the same way: the status goes back to queued, then the
 * new current result appears.
 *
 * Every watch in the process shares one read per interval (`FingerprintClock`): 300 students
 * on their submission pages make one query every 300 ms, not 1,000 a second.
 */
import type { SessionUser } from "../auth";
import { db } from "../db";
import { fingerprintOf, statusOf, versionOf } from "./fingerprint";
import { getSubmissionView, waitingInfo, type SubmissionView } from "./read";

/** Ids per query: well under SQLite's limit on bound variables. */
const IDS_PER_QUERY = 500;

/** What changes while a submission waits, runs and is (re)graded, for each id that exists. */
export async function submissionFingerprints(ids: string[]): Promise<Map<string, string>> {
  const prints = new Map<string, string>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const rows = await db.submission.findMany({
      where: { id: { in: ids.slice(i, i + IDS_PER_QUERY) } },
      select: { id: true, status: true, progress: true, startedAt: true, finishedAt: true, queuedAt: true, results: { where: { current: true }, take: 1, select: { id: true } } },
    });
    for (const row of rows) prints.set(row.id, fingerprintOf({ ...row, resultId: row.results[0]?.id ?? null }));
  }
  return prints;
}

export async function submissionFingerprint(id: string): Promise<string | null> {
  return (await submissionFingerprints([id])).get(id) ?? null;
}

/**
 * One timer per interval for the whole process: at each tick, every id someone is waiting on
 * is read in one query, and each waiter gets its fingerprint (null: the row is gone). A failed
 * read fails that tick's waiters, which end their watch as a failed read always did.
 */
interface Waiter {
  resolve: (print: string | null) => void;
  reject: (err: unknown) => void;
}

class FingerprintClock {
  private waiting = new Map<string, Waiter[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly intervalMs: number) {}

  /** The id's fingerprint at the next tick; null at once if `signal` aborts first. */
  next(id: string, signal: AbortSignal): Promise<string | null> {
    if (signal.aborted) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      // The abort listener goes with the answer: a watch open for hours waits thousands of times.
      const onAbort = () => {
        const rest = (this.waiting.get(id) ?? []).filter((w) => w !== waiter);
        if (rest.length) this.waiting.set(id, rest);
        else this.waiting.delete(id);
        resolve(null);
      };
      const waiter: Waiter = {
        resolve: (print) => { signal.removeEventListener("abort", onAbort); resolve(print); },
        reject: (err) => { signal.removeEventListener("abort", onAbort); reject(err); },
      };
      this.waiting.set(id, [...(this.waiting.get(id) ?? []), waiter]);
      signal.addEventListener("abort", onAbort, { once: true });
      this.timer ??= setTimeout(() => void this.tick(), this.intervalMs);
    });
  }

  private async tick(): Promise<void> {
    const due = this.waiting;
    this.waiting = new Map();
    try {
      const prints = await submissionFingerprints([...due.keys()]);
      for (const [id, list] of due) for (const w of list) w.resolve(prints.get(id) ?? null);
    } catch (err) {
      for (const list of due.values()) for (const w of list) w.reject(err);
    } finally {
      this.timer = null;
      if (this.waiting.size) this.timer = setTimeout(() => void this.tick(), this.intervalMs);
    }
  }
}

const clocks = new Map<number, FingerprintClock>();
function clockFor(intervalMs: number): FingerprintClock {
  let clock = clocks.get(intervalMs);
  if (!clock) clocks.set(intervalMs, (clock = new FingerprintClock(intervalMs)));
  return clock;
}

export interface WatchOptions {
  /** How often the row is read. */
  intervalMs: number;
  /** While queued, the position moves as others finish: a fresh view this often even without a change. */
  queuedRefreshMs: number;
  signal: AbortSignal;
  onView: (view: SubmissionView) => void;
  /** The `version` of the view the page already shows: not sent again while it is current. */
  since?: string;
}

/**
 * Calls `onView` with the first view and with each changed one, until `signal` aborts or access
 * is lost. While the submission waits and its row does not change, only its place in the queue
 * and the wait estimate are read again every `queuedRefreshMs`, and a view is handed on only
 * when they moved: a class that just handed in refreshes dozens of queued pages at once
 * (bench/load.ts), and the whole view (code, task, access) is read again at every change of the
 * row, as before.
 */
export async function watchSubmission(user: SessionUser, id: string, opts: WatchOptions): Promise<void> {
  let last: string | null = null;
  let lastSent = 0;
  let lastView: SubmissionView | null = null;
  // The status of the row as `last` saw it: whether the queue place is due a refresh.
  let status: string | null = null;
  const clock = clockFor(opts.intervalMs);
  let print = await submissionFingerprint(id);
  if (print !== null && opts.since && versionOf(print) === opts.since) {
    // The page shows this very view: nothing to send until it changes.
    last = print;
    lastSent = Date.now();
    status = statusOf(print);
  }
  while (!opts.signal.aborted) {
    if (print !== last || print === null) {
      const view = await getSubmissionView(user, id);
      if (!view) return; // gone, or never theirs
      last = print;
      lastSent = Date.now();
      lastView = view;
      status = view.status;
      opts.onView(view);
    } else if (status === "queued" && Date.now() - lastSent >= opts.queuedRefreshMs) {
      // The page's own view was not read here (opened `since` it): read it once, to compare with.
      lastView ??= await getSubmissionView(user, id);
      if (!lastView) return;
      const before: SubmissionView = lastView;
      lastSent = Date.now();
      const info = await waitingInfo({ id, status: before.status, taskId: before.task.id });
      if (info.queuePosition !== before.queuePosition || info.waitEstimateSeconds !== before.waitEstimateSeconds) {
        lastView = { ...before, ...info };
        opts.onView(lastView);
      }
    }
    print = await clock.next(id, opts.signal);
  }
}
