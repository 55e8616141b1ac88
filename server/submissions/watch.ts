/**
 * Watching one submission for the live page: the grading worker is another process and
 * writes only to the database, so the server reads the row's few changing columns at a
 * short interval and hands on a full view (through the one access rule of `getSubmissionView`)
 * when they change. A regrade shows up the same way: the status goes back to queued, then the
 * new current result appears.
 */
import type { SessionUser } from "../auth";
import { db } from "../db";
import { getSubmissionView, type SubmissionView } from "./read";

/** What changes while a submission waits, runs and is (re)graded. */
export async function submissionFingerprint(id: string): Promise<string | null> {
  const row = await db.submission.findUnique({
    where: { id },
    select: { status: true, progress: true, startedAt: true, finishedAt: true, queuedAt: true, results: { where: { current: true }, take: 1, select: { id: true } } },
  });
  if (!row) return null;
  return JSON.stringify([row.status, row.queuedAt, row.startedAt, row.finishedAt, row.results[0]?.id ?? null, row.progress]);
}

export interface WatchOptions {
  /** How often the row is read. */
  intervalMs: number;
  /** While queued, the position moves as others finish: a fresh view this often even without a change. */
  queuedRefreshMs: number;
  signal: AbortSignal;
  onView: (view: SubmissionView) => void;
}

/** Calls `onView` with the first view and with each changed one, until `signal` aborts or access is lost. */
export async function watchSubmission(user: SessionUser, id: string, opts: WatchOptions): Promise<void> {
  let last: string | null = null;
  let lastSent = 0;
  let status: SubmissionView["status"] | null = null;
  while (!opts.signal.aborted) {
    const print = await submissionFingerprint(id);
    const stale = status === "queued" && Date.now() - lastSent >= opts.queuedRefreshMs;
    if (print !== last || stale) {
      const view = await getSubmissionView(user, id);
      if (!view) return; // gone, or never theirs
      last = print;
      lastSent = Date.now();
      status = view.status;
      opts.onView(view);
    }
    await sleep(opts.intervalMs, opts.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
