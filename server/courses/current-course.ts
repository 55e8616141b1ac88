/**
 * The instructor's current course: the one every instructor page, API and action works on.
 * It is remembered in a cookie (set by the course switcher) and checked on every request:
 * a cookie naming a course the instructor is not staff of is ignored. Without a usable
 * cookie, the current course is the oldest active course they are staff of, else the oldest
 * archived one. Features keyed by course (roster, exceptions, similarity...) take their
 * course from `currentInstructorCourse` and nowhere else.
 */
import type { SessionUser } from "../auth";
import { db } from "../db";
import { isCourseStaff, staffedBy } from "./membership";

export const CURRENT_COURSE_COOKIE = "treino-course";

/** What is read of the request's cookies: `cookies()` from next/headers, or a test's stand-in. */
export interface CookieReader {
  get(name: string): { value: string } | undefined;
}

export type CurrentCourse = NonNullable<Awaited<ReturnType<typeof db.course.findUnique>>>;

/** The course the instructor works on now, or null when they are no instructor or staff of no course. */
export async function currentInstructorCourse(user: Pick<SessionUser, "id" | "role">, cookies: CookieReader): Promise<CurrentCourse | null> {
  if (user.role !== "instructor") return null;
  const wanted = cookies.get(CURRENT_COURSE_COOKIE)?.value;
  if (wanted && wanted.length <= 100 && (await isCourseStaff(user, wanted))) {
    const course = await db.course.findUnique({ where: { id: wanted } });
    if (course) return course;
  }
  return (
    (await db.course.findFirst({ where: { ...staffedBy(user.id), archivedAt: null }, orderBy: { createdAt: "asc" } })) ??
    (await db.course.findFirst({ where: staffedBy(user.id), orderBy: { createdAt: "asc" } }))
  );
}

/** The cookie that makes `courseId` current, once the caller has checked the user is its staff. */
export function currentCourseCookie(courseId: string) {
  return {
    name: CURRENT_COURSE_COOKIE,
    value: courseId,
    options: { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" as const, httpOnly: true },
  };
}

/** The courses the instructor may switch to, active ones first (oldest first), then archived ones. */
export async function switchableCourses(userId: string) {
  const courses = await db.course.findMany({
    where: staffedBy(userId),
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, term: true, archivedAt: true },
  });
  return { active: courses.filter((c) => !c.archivedAt), archived: courses.filter((c) => c.archivedAt) };
}
