/**
 * Who belongs to a course and how: a membership (an Enrollment row) is a student's or one of
 * the course's instructors'. The course's staff are its instructor memberships, held by
 * instructor accounts: an instructor sees and changes only the courses they are staff of,
 * never "every course" because of their account's role.
 */
import { db } from "../db";

export type MembershipRole = "student" | "instructor";
export const STUDENT: MembershipRole = "student";
export const INSTRUCTOR: MembershipRole = "instructor";

/** The user's membership of the course, or null when they have none. */
export async function membershipOf(userId: string, courseId: string): Promise<{ role: MembershipRole } | null> {
  const m = await db.enrollment.findUnique({ where: { userId_courseId: { userId, courseId } }, select: { role: true } });
  return m ? { role: m.role === INSTRUCTOR ? INSTRUCTOR : STUDENT } : null;
}

/** Whether the user is one of the course's instructors: an instructor account with a staff membership of it. */
export async function isCourseStaff(user: { id: string; role: string }, courseId: string): Promise<boolean> {
  if (user.role !== "instructor") return false;
  return (await membershipOf(user.id, courseId))?.role === INSTRUCTOR;
}

/** The Prisma filter for a course's students (for `db.user.findMany({ where })`). */
export function studentsOf(courseId: string) {
  return { enrollments: { some: { courseId, role: STUDENT } } };
}

/** The Prisma filter for the courses a user is staff of (for `db.course.findMany({ where })`). */
export function staffedBy(userId: string) {
  return { enrollments: { some: { userId, role: INSTRUCTOR } } };
}

/** Makes the user one of the course's instructors (a student membership of theirs becomes a staff one). */
export async function addStaffMembership(userId: string, courseId: string): Promise<void> {
  await db.enrollment.upsert({
    where: { userId_courseId: { userId, courseId } },
    create: { userId, courseId, role: INSTRUCTOR },
    update: { role: INSTRUCTOR },
  });
}
