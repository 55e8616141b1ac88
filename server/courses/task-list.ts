/**
 * What a member of courses sees of their tasks: each course's tasks apart (a student may
 * belong to several, and every course has its own copy of a task, slug included), with
 * status, best score and deadline (their own, under an exception). Access is by membership
 * of the task's course, every time.
 */
import type { SessionUser } from "../auth";
import { db } from "../db";
import { withException } from "../rules/exception-rules";
import { INSTRUCTOR, type MembershipRole } from "./membership";

export interface TaskRow {
  id: string;
  courseId: string;
  slug: string;
  titlePt: string;
  titleEn: string;
  dueAt: string | null;
  submissions: number;
  bestScore: number | null;
  maxScore: number | null;
  passed: boolean;
  /** The newest submission's state, when it is still waiting or running. */
  pending: "queued" | "running" | null;
}

export interface CourseTasks {
  course: { id: string; title: string; term: string; archived: boolean; role: MembershipRole };
  tasks: TaskRow[];
}

/** The path of a task's page in its course: slugs repeat across courses, so the course is part of it. */
export function taskPath(task: { courseId: string; slug: string }): string {
  return `/courses/${encodeURIComponent(task.courseId)}/tasks/${encodeURIComponent(task.slug)}`;
}

/** The user's courses, active ones first (newest first), archived ones last, each with its tasks. */
export async function coursesForUser(user: Pick<SessionUser, "id">): Promise<CourseTasks[]> {
  const memberships = await db.enrollment.findMany({
    where: { userId: user.id },
    select: {
      role: true,
      course: {
        select: {
          id: true, title: true, term: true, archivedAt: true, createdAt: true,
          tasks: {
            orderBy: { position: "asc" },
            include: {
              submissions: {
                where: { userId: user.id },
                orderBy: { attempt: "desc" },
                select: { status: true, results: { where: { current: true }, select: { score: true, maxScore: true, passed: true } } },
              },
              exceptions: { where: { userId: user.id, revokedAt: null }, orderBy: { grantedAt: "desc" }, take: 1 },
            },
          },
        },
      },
    },
  });
  const ordered = memberships.sort((a, b) => Number(a.course.archivedAt != null) - Number(b.course.archivedAt != null) || b.course.createdAt.getTime() - a.course.createdAt.getTime());
  return ordered.map(({ role, course }) => ({
    course: { id: course.id, title: course.title, term: course.term, archived: course.archivedAt != null, role: role === INSTRUCTOR ? INSTRUCTOR : "student" },
    tasks: course.tasks.map((t) => {
      const results = t.submissions.flatMap((s) => s.results);
      const best = results.reduce<(typeof results)[number] | null>((b, r) => (!b || r.score > b.score ? r : b), null);
      const newest = t.submissions[0]?.status;
      return {
        id: t.id,
        courseId: course.id,
        slug: t.slug,
        titlePt: t.titlePt,
        titleEn: t.titleEn,
        dueAt: withException(t, t.exceptions[0]).dueAt?.toISOString() ?? null,
        submissions: t.submissions.length,
        bestScore: best?.score ?? null,
        maxScore: best?.maxScore ?? null,
        passed: results.some((r) => r.passed),
        pending: newest === "queued" || newest === "running" ? newest : null,
      };
    }),
  }));
}

/** A task of one of the user's courses, with the course and the user's role in it; null for anyone else. */
export async function taskForMember(user: Pick<SessionUser, "id" | "role">, courseId: string, slug: string) {
  const membership = await db.enrollment.findUnique({ where: { userId_courseId: { userId: user.id, courseId } }, select: { role: true } });
  if (!membership) return null;
  const task = await db.task.findUnique({ where: { courseId_slug: { courseId, slug } }, include: { course: true } });
  if (!task) return null;
  // Staff rights need an instructor account too (a demoted account keeps only what a student sees).
  const staff = membership.role === INSTRUCTOR && user.role === "instructor";
  return { task, staff };
}

/** The user's courses that have a task with this slug: where an old `/tasks/<slug>` link may lead. */
export async function coursesWithTask(user: Pick<SessionUser, "id">, slug: string) {
  return db.course.findMany({
    where: { enrollments: { some: { userId: user.id } }, tasks: { some: { slug } } },
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, term: true, archivedAt: true },
  });
}
