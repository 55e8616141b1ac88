/**
 * The course an instructor's action acts on, for domain functions that take the session's
 * user: the role read again from the database (an account demoted since its session began
 * acts on nothing), then the course from `instructorCourse`, the one place that says which.
 */
import type { SessionUser } from "../auth";
import { db } from "../db";
import { instructorCourse } from "./access";

export async function actingCourse(instructor: SessionUser) {
  if (instructor.role !== "instructor") return null;
  const account = await db.user.findUnique({ where: { id: instructor.id }, select: { role: true } });
  if (account?.role !== "instructor") return null;
  return instructorCourse(instructor);
}
