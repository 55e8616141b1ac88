/**
 * Instructor pages, APIs and actions: an instructor account, working on its current course
 * (server/courses/current-course.ts), checked on the server every time.
 */
import { cookies } from "next/headers";
import type { SessionUser } from "../auth";
import { currentUser } from "../auth";
import { currentInstructorCourse, type CurrentCourse } from "../courses/current-course";
import { isCourseStaff } from "../courses/membership";
import { db } from "../db";

export async function requireInstructor(): Promise<SessionUser | null> {
  const user = await currentUser();
  return user?.role === "instructor" ? user : null;
}

/** The signed-in instructor and the course they work on now (null when they are staff of none); null for anyone else. */
export async function instructorContext(): Promise<{ user: SessionUser; course: CurrentCourse | null } | null> {
  const user = await requireInstructor();
  if (!user) return null;
  return { user, course: await currentInstructorCourse(user, await cookies()) };
}

/** The current course's task with this slug. */
export async function instructorTask(course: { id: string }, slug: string) {
  return db.task.findUnique({ where: { courseId_slug: { courseId: course.id, slug } }, include: { course: true } });
}

/**
 * A task an action names by id, when it belongs to the current course. A task of another of
 * the instructor's courses means the course was switched (in another tab) after the form was
 * shown: the action is refused rather than applied to the wrong course. Any other id is
 * "notFound", whether it exists or not.
 */
export async function taskInCurrentCourse(user: SessionUser, course: { id: string }, taskId: string) {
  const task = await db.task.findUnique({ where: { id: taskId }, include: { course: true } });
  if (task?.courseId === course.id) return { ok: true as const, task };
  if (task && (await isCourseStaff(user, task.courseId))) return { ok: false as const, error: "courseChanged" as const };
  return { ok: false as const, error: "notFound" as const };
}
