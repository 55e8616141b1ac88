/**
 * Reading submissions, with the one access rule: a student sees only their own; an
 * instructor sees every submission of the courses they are staff of, and no other course's.
 */
import type { GradeResult } from "../../grader/result";
import type { SessionUser } from "../auth";
import { isCourseStaff } from "../courses/membership";
import { db } from "../db";
import { gradingQueue } from "../queue";
import { fingerprintOf, versionOf } from "./fingerprint";
import type { LiveProgress } from "../worker/progress";
import { leaderboardRevealed, resultForStudent } from "./student-view";

export interface SubmissionView {
  id: string;
  /** Changes whenever what a live page shows may change (server/submissions/fingerprint.ts). */
  version: string;
  attempt: number;
  status: "queued" | "running" | "graded" | "error";
  createdAt: string;
  finishedAt: string | null;
  code: string;
  fileName: string | null;
  task: { id: string; courseId: string; slug: string; titlePt: string; titleEn: string };
  student: { id: string; name: string };
  queuePosition: number | null;
  /** Seconds until grading is likely to start, from recent grading times of the task. */
  waitEstimateSeconds: number | null;
  progress: LiveProgress | null;
  error: string | null;
  result: GradeResult | null;
}

export async function canSee(user: SessionUser, submission: { userId: string; task: { courseId: string } }): Promise<boolean> {
  if (submission.userId === user.id) return true;
  return isCourseStaff(user, submission.task.courseId);
}

/** Whether the user may see the submission (as getSubmissionView decides), without reading it whole. */
export async function canSeeSubmission(user: SessionUser, id: string): Promise<boolean> {
  const sub = await db.submission.findUnique({ where: { id }, select: { userId: true, task: { select: { courseId: true } } } });
  return sub != null && (await canSee(user, sub));
}

export async function getSubmissionView(user: SessionUser, id: string): Promise<SubmissionView | null> {
  const sub = await db.submission.findUnique({
    where: { id },
    // The task's few columns the view needs, not its JSON ones (the reference's curves alone are tens of kilobytes).
    include: { task: { select: { id: true, courseId: true, slug: true, titlePt: true, titleEn: true, dueAt: true } }, user: { select: { id: true, name: true } }, results: { where: { current: true }, take: 1 } },
  });
  // Someone else's submission and a missing one look the same: no hint that it exists.
  if (!sub || !(await canSee(user, sub))) return null;
  const progress = sub.progress as (LiveProgress & { error?: string }) | null;
  const stored = (sub.results[0]?.result as unknown as GradeResult) ?? null;
  // The course's instructors read everything; a student reads their own result without what stays hidden.
  const result = stored && !(await isCourseStaff(user, sub.task.courseId)) ? resultForStudent(stored, { leaderboardRevealed: leaderboardRevealed(sub.task) }) : stored;
  return {
    id: sub.id,
    version: versionOf(fingerprintOf({ ...sub, resultId: sub.results[0]?.id ?? null })),
    attempt: sub.attempt,
    status: sub.status as SubmissionView["status"],
    createdAt: sub.createdAt.toISOString(),
    finishedAt: sub.finishedAt?.toISOString() ?? null,
    code: sub.code,
    fileName: sub.fileName,
    task: { id: sub.task.id, courseId: sub.task.courseId, slug: sub.task.slug, titlePt: sub.task.titlePt, titleEn: sub.task.titleEn },
    student: sub.user,
    ...(await waitingInfo(sub)),
    progress: sub.status === "running" && progress && !progress.error ? progress : null,
    error: sub.status === "error" ? (progress?.error ?? "grading failed") : null,
    result,
  };
}

/**
 * Figures every queued student's page shares, kept for a moment in each process: a class that
 * just handed in has dozens of pages refreshing their place in the queue every two seconds
 * (bench/load.ts), and the workers' capacity and a task's recent grading times move slowly.
 */
const SHARED_FIGURES_MS = 2000;
const sharedFigures = new Map<string, { at: number; value: Promise<number | null> }>();
function shared(key: string, read: () => Promise<number | null>): Promise<number | null> {
  const now = Date.now();
  const hit = sharedFigures.get(key);
  if (hit && now - hit.at < SHARED_FIGURES_MS) return hit.value;
  const value = read();
  sharedFigures.set(key, { at: now, value });
  value.catch(() => sharedFigures.delete(key));
  return value;
}

/** The task's mean grading time over its 20 newest graded submissions, or null before any. */
function recentMeanMs(taskId: string): Promise<number | null> {
  return shared(`mean ${taskId}`, async () => {
    // Read from the submission side (its task, status and hand-in time), not by sorting every
    // result of the task.
    const recent = await db.submission.findMany({
      where: { taskId, status: "graded" },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { results: { where: { current: true }, take: 1, select: { durationMs: true } } },
    });
    const durations = recent.flatMap((r) => r.results.map((g) => g.durationMs));
    return durations.length ? durations.reduce((s, ms) => s + ms, 0) / durations.length : null;
  });
}

/** A queued submission's place in the queue and the wait estimate; nulls once it is not waiting. */
export async function waitingInfo(sub: { id: string; status: string; taskId: string }): Promise<Pick<SubmissionView, "queuePosition" | "waitEstimateSeconds">> {
  if (sub.status !== "queued") return { queuePosition: null, waitEstimateSeconds: null };
  const position = await gradingQueue.position(sub.id);
  if (position == null) return { queuePosition: null, waitEstimateSeconds: null };
  const meanMs = await recentMeanMs(sub.taskId);
  if (meanMs == null) return { queuePosition: position, waitEstimateSeconds: null };
  // Everyone ahead (and this one's own turn) shares the capacity of the workers.
  const capacity = (await shared("capacity", () => gradingQueue.capacity())) ?? 1;
  const seconds = Math.ceil(((position - 1) * meanMs) / capacity / 1000);
  return { queuePosition: position, waitEstimateSeconds: seconds };
}

/** A submission as lists show it: attempt, time, status, current score. */
export interface SubmissionRow {
  id: string;
  attempt: number;
  status: string;
  createdAt: string;
  score: number | null;
  maxScore: number | null;
  failureKind: string | null;
}

export interface HistoryRow extends SubmissionRow {
  passed: boolean | null;
}

export async function submissionHistory(userId: string, taskId: string): Promise<HistoryRow[]> {
  const subs = await db.submission.findMany({
    where: { userId, taskId },
    orderBy: { attempt: "desc" },
    include: { results: { where: { current: true }, take: 1, select: { score: true, maxScore: true, passed: true, failureKind: true } } },
  });
  return subs.map((s) => ({
    id: s.id,
    attempt: s.attempt,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
    score: s.results[0]?.score ?? null,
    maxScore: s.results[0]?.maxScore ?? null,
    passed: s.results[0]?.passed ?? null,
    failureKind: s.results[0]?.failureKind ?? null,
  }));
}

/** Every grading of a submission, newest first (regrades keep the earlier ones). */
export async function resultHistory(submissionId: string) {
  return db.gradingResult.findMany({
    where: { submissionId },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, score: true, maxScore: true, failureKind: true, seed: true, backend: true, current: true },
  });
}
