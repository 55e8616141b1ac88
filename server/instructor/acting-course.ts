/**
 * The course an instructor's action acts on, for domain functions that take the session's
 * user (rosters, invitations, exceptions): the role read again from the database (an account
 * demoted since its session began acts on nothing), then the instructor's CURRENT course,
 * from `currentInstructorCourse` and the request's cookies (server/courses/current-course.ts),
 * the one place that says which. An action that names the course its form was shown for
 * (`shownFor`) is refused when that course is no longer current (switched in another tab),
 * rather than applied to the course that is current now.
 */
import type { SessionUser } from "../auth";
import { currentInstructorCourse, type CookieReader, type CurrentCourse } from "../courses/current-course";
import { db } from "../db";

export type ActingCourse = { ok: true; course: CurrentCourse } | { ok: false; error: "forbidden" | "courseChanged" };

/**
 * `shownFor`: when given (even as null or junk, as a form field may arrive), it must be the
 * current course's id; leave it undefined for reads that name no course.
 */
export async function actingCourse(instructor: SessionUser, cookies: CookieReader, shownFor?: unknown): Promise<ActingCourse> {
  if (instructor.role !== "instructor") return { ok: false, error: "forbidden" };
  const account = await db.user.findUnique({ where: { id: instructor.id }, select: { role: true } });
  if (account?.role !== "instructor") return { ok: false, error: "forbidden" };
  const course = await currentInstructorCourse({ id: instructor.id, role: account.role }, cookies);
  if (!course) return { ok: false, error: "forbidden" };
  if (shownFor !== undefined && shownFor !== course.id) return { ok: false, error: "courseChanged" };
  return { ok: true, course };
}
