/** Instructor pages and actions: an instructor of the course, checked on the server every time. */
import type { SessionUser } from "../auth";
import { currentUser } from "../auth";
import { db } from "../db";

export async function requireInstructor(): Promise<SessionUser | null> {
  const user = await currentUser();
  return user?.role === "instructor" ? user : null;
}

export async function instructorTask(user: SessionUser, slug: string) {
  return db.task.findFirst({ where: { slug, course: { enrollments: { some: { userId: user.id } } } }, include: { course: true } });
}

export async function instructorCourse(user: SessionUser) {
  return db.course.findFirst({ where: { enrollments: { some: { userId: user.id } } }, orderBy: { createdAt: "asc" } });
}
