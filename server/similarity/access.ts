/**
 * Who may see a task's similarity report: an instructor of the task's course, with that course
 * current (server/courses/current-course.ts), and nobody else. Pages, routes and actions answer
 * "not found" to anyone this refuses (a student learns nothing, not even that the page exists).
 * The task is the current course's task with the slug (`instructorTask`), so the rule for
 * which instructor holds which task lives in one place (server/instructor/access.ts): the same
 * slug in another course is another task, and another course's report is never reached.
 * What the page was shown for travels with its requests and forms as the task's id: once
 * another course is current (switched in another tab) they are refused as `courseChanged`,
 * never answered with, or applied to, the other course's task.
 */
import { z } from "zod";
import type { SessionUser } from "../auth";
import { instructorContext, instructorTask, taskInCurrentCourse } from "../instructor/access";

export type SimilarityTask = NonNullable<Awaited<ReturnType<typeof instructorTask>>>;

export type SimilarityAccess = { user: SessionUser; task: SimilarityTask };

/** The signed-in instructor and the current course's task with this slug, or null: checked on the server at every call. */
export async function similarityAccess(slug: string): Promise<SimilarityAccess | null> {
  const context = await instructorContext();
  if (!context?.course) return null;
  const task = await instructorTask(context.course, slug);
  return task ? { user: context.user, task } : null;
}

/**
 * For a route the page calls with the task it was shown for (`?task=<id>`): the report's task
 * by slug, and "courseChanged" when the page's task is not that one (another course is current
 * now). Without `shownFor`, as `similarityAccess`.
 */
export async function similarityRouteAccess(slug: string, shownFor: string | null): Promise<SimilarityAccess | { error: "notFound" | "courseChanged" }> {
  const access = await similarityAccess(slug);
  if (!access) return { error: "notFound" };
  if (shownFor != null && shownFor !== access.task.id) return { error: "courseChanged" };
  return access;
}

const taskId = z.string().min(1).max(100);

/**
 * For an action, whose form names its task by id: the current course's task, "courseChanged"
 * for a task of another of the instructor's courses, "notFound" for anyone or anything else.
 */
export async function similarityFormAccess(id: unknown): Promise<SimilarityAccess | { error: "notFound" | "courseChanged" }> {
  const context = await instructorContext();
  const parsed = taskId.safeParse(id);
  if (!context?.course || !parsed.success) return { error: "notFound" };
  const found = await taskInCurrentCourse(context.user, context.course, parsed.data);
  if (!found.ok) return { error: found.error };
  return { user: context.user, task: found.task };
}
