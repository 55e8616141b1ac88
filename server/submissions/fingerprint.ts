/**
 * What changes while a submission waits, runs and is (re)graded, as one string: the live feed
 * compares it between reads, and its short digest travels with each view as `version`, so a
 * page that already shows a view opens its feed without being sent the same view again.
 */
import { createHash } from "node:crypto";

export interface FingerprintFields {
  status: string;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** The current result's id, or null before any. */
  resultId: string | null;
  progress: unknown;
}

export function fingerprintOf(row: FingerprintFields): string {
  return JSON.stringify([row.status, row.queuedAt, row.startedAt, row.finishedAt, row.resultId, row.progress]);
}

/** The status a fingerprint holds. */
export function statusOf(print: string): string {
  return (JSON.parse(print) as [string])[0];
}

/** A fingerprint's digest: what a view carries and a feed is opened `since`. */
export function versionOf(print: string): string {
  return createHash("sha256").update(print).digest("hex").slice(0, 16);
}

export const VERSION_PATTERN = /^[0-9a-f]{16}$/;
