/** The student's task list: each task with its status, best score and deadline (their own, under an exception). */
import type { SessionUser } from "../auth";
import { db } from "../db";
import { withException } from "../rules/exception-rules";

export interface TaskRow {
  id: string;
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

export async function tasksForUser(user: SessionUser): Promise<TaskRow[]> {
  const tasks = await db.task.findMany({
    where: { course: { enrollments: { some: { userId: user.id } } } },
    orderBy: [{ courseId: "asc" }, { position: "asc" }],
    include: {
      submissions: {
        where: { userId: user.id },
        orderBy: { attempt: "desc" },
        select: { status: true, results: { where: { current: true }, select: { score: true, maxScore: true, passed: true } } },
      },
      exceptions: { where: { userId: user.id, revokedAt: null }, orderBy: { grantedAt: "desc" }, take: 1 },
    },
  });
  return tasks.map((t) => {
    const results = t.submissions.flatMap((s) => s.results);
    const best = results.reduce<(typeof results)[number] | null>((b, r) => (!b || r.score > b.score ? r : b), null);
    const newest = t.submissions[0]?.status;
    return {
      id: t.id,
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
  });
}

export async function taskForUser(user: SessionUser, slug: string) {
  return db.task.findFirst({ where: { slug, course: { enrollments: { some: { userId: user.id } } } } });
}
