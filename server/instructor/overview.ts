/**
 * The class overview of a task: submissions over time, the distribution of students' best
 * scores, the most common failure kinds, and one student's loss curve over the reference's.
 */
import type { EpochPoint, GradeResult } from "../../grader/result";
import { studentsOf } from "../courses/membership";
import { db } from "../db";
import type { SubmissionRow } from "../submissions/read";
import { scoreBins, type ScoreBin } from "./score-bins";

export interface Overview {
  perDay: { day: string; count: number }[];
  /** Students' best score as a share of the maximum: 0–9 %, …, 90–99 %, and 100 % alone. */
  bins: ScoreBin[];
  failures: { kind: string; count: number }[];
  /** All submissions, and those with a result: the empty charts say which of the two is missing. */
  submissions: number;
  graded: number;
  students: { id: string; name: string }[];
  reference: Record<string, EpochPoint[]> | null;
}

export async function taskOverview(taskId: string): Promise<Overview> {
  const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
  const subs = await db.submission.findMany({
    where: { taskId },
    select: { createdAt: true, userId: true, user: { select: { name: true } }, results: { where: { current: true }, select: { score: true, maxScore: true, failureKind: true } } },
  });
  const perDay = new Map<string, number>();
  const best = new Map<string, number>();
  const failures = new Map<string, number>();
  const students = new Map<string, string>();
  for (const s of subs) {
    const day = s.createdAt.toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    students.set(s.userId, s.user.name);
    const r = s.results[0];
    if (!r) continue;
    if (r.failureKind) failures.set(r.failureKind, (failures.get(r.failureKind) ?? 0) + 1);
    best.set(s.userId, Math.max(best.get(s.userId) ?? 0, r.maxScore ? r.score / r.maxScore : 0));
  }
  return {
    perDay: [...perDay.entries()].sort().map(([day, count]) => ({ day, count })),
    bins: scoreBins([...best.values()]),
    submissions: subs.length,
    graded: subs.filter((s) => s.results[0]).length,
    failures: [...failures.entries()].sort((a, b) => b[1] - a[1]).map(([kind, count]) => ({ kind, count })),
    students: [...students.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    reference: (task.referenceCurves as unknown as Record<string, EpochPoint[]> | null) ?? null,
  };
}

/**
 * A student's curves on their newest graded submission of the task that has any: a submission
 * that failed before training (a type error, a bad shape) has none, and the one before it is
 * shown instead. When none has curves, says why.
 */
export type StudentCurves =
  | { curves: Record<string, EpochPoint[]>; submissionId: string; attempt: number; newest: boolean }
  | { curves: null; reason: "noGraded" | "noCurves" };

export function hasCurves(curves: Record<string, EpochPoint[]> | undefined | null): curves is Record<string, EpochPoint[]> {
  return !!curves && Object.values(curves).some((points) => points.length > 0);
}

export async function studentCurves(taskId: string, userId: string): Promise<StudentCurves> {
  const subs = await db.submission.findMany({
    where: { taskId, userId, status: "graded" },
    orderBy: { createdAt: "desc" },
    select: { id: true, attempt: true, results: { where: { current: true }, select: { result: true } } },
  });
  if (subs.length === 0) return { curves: null, reason: "noGraded" };
  for (const [i, s] of subs.entries()) {
    const curves = (s.results[0]?.result as unknown as GradeResult | undefined)?.curves;
    if (hasCurves(curves)) return { curves, submissionId: s.id, attempt: s.attempt, newest: i === 0 };
  }
  return { curves: null, reason: "noCurves" };
}

export interface StudentSubmissionRow extends SubmissionRow {
  task: { slug: string; titlePt: string; titleEn: string };
}

export async function studentSubmissions(courseId: string, userId: string) {
  const user = await db.user.findFirst({ where: { id: userId, ...studentsOf(courseId) }, select: { id: true, name: true, email: true, pseudonym: true } });
  if (!user) return null;
  const subs = await db.submission.findMany({
    where: { userId, task: { courseId } },
    orderBy: { createdAt: "desc" },
    select: { id: true, attempt: true, createdAt: true, status: true, task: { select: { slug: true, titlePt: true, titleEn: true } }, results: { where: { current: true }, select: { score: true, maxScore: true, failureKind: true } } },
  });
  const rows: StudentSubmissionRow[] = subs.map((s) => ({
    id: s.id, task: s.task, attempt: s.attempt, createdAt: s.createdAt.toISOString(), status: s.status,
    score: s.results[0]?.score ?? null, maxScore: s.results[0]?.maxScore ?? null, failureKind: s.results[0]?.failureKind ?? null,
  }));
  return { user, rows };
}

export async function taskSubmissions(taskId: string) {
  const subs = await db.submission.findMany({
    where: { taskId },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: { id: true, attempt: true, createdAt: true, status: true, user: { select: { id: true, name: true } }, results: { where: { current: true }, select: { score: true, maxScore: true, failureKind: true } } },
  });
  return subs.map((s) => ({
    id: s.id, attempt: s.attempt, createdAt: s.createdAt.toISOString(), status: s.status, student: s.user,
    score: s.results[0]?.score ?? null, maxScore: s.results[0]?.maxScore ?? null, failureKind: s.results[0]?.failureKind ?? null,
  }));
}
