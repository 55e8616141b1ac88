/**
 * A course's instructors. Any of them may add another by email: the account must exist and be
 * an instructor's (instructor accounts come from `npm run create-instructor`); students are
 * never made staff this way. Any of them may remove one, as long as one remains.
 */
import { z } from "zod";
import type { SessionUser } from "../auth";
import { db } from "../db";
import { lockCourse } from "../db/locks";
import { addStaffMembership, INSTRUCTOR, isCourseStaff } from "./membership";

export async function courseStaff(courseId: string) {
  return db.user.findMany({
    where: { enrollments: { some: { courseId, role: INSTRUCTOR } }, role: "instructor" },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
}

const email = z.string().trim().toLowerCase().email().max(200);

export type AddCoInstructorError = "forbidden" | "invalidEmail" | "noAccount" | "notInstructor" | "alreadyStaff";

export async function addCoInstructor(actor: Pick<SessionUser, "id" | "role">, courseId: string, typed: unknown): Promise<{ ok: true; name: string } | { ok: false; error: AddCoInstructorError }> {
  if (!(await isCourseStaff(actor, courseId))) return { ok: false, error: "forbidden" };
  const parsed = email.safeParse(typed);
  if (!parsed.success) return { ok: false, error: "invalidEmail" };
  const user = await db.user.findUnique({ where: { email: parsed.data }, select: { id: true, name: true, role: true } });
  if (!user) return { ok: false, error: "noAccount" };
  if (user.role !== "instructor") return { ok: false, error: "notInstructor" };
  if (await isCourseStaff(user, courseId)) return { ok: false, error: "alreadyStaff" };
  await addStaffMembership(user.id, courseId);
  return { ok: true, name: user.name };
}

export async function removeCoInstructor(actor: Pick<SessionUser, "id" | "role">, courseId: string, userId: string): Promise<{ ok: true } | { ok: false; error: "forbidden" | "notStaff" | "lastInstructor" }> {
  if (!(await isCourseStaff(actor, courseId))) return { ok: false, error: "forbidden" };
  return db.$transaction(async (tx) => {
    // The course is locked first (on PostgreSQL; SQLite's transaction holds the write lock
    // already): two instructors removing each other at once would otherwise both see two
    // instructors and both delete, leaving none. The second waits here and counts one.
    if (!(await lockCourse(tx, courseId))) return { ok: false as const, error: "notStaff" as const };
    const staff = await tx.enrollment.findMany({ where: { courseId, role: INSTRUCTOR }, select: { userId: true } });
    if (!staff.some((s) => s.userId === userId)) return { ok: false as const, error: "notStaff" as const };
    // A course nobody can open any more would be lost to everyone.
    if (staff.length === 1) return { ok: false as const, error: "lastInstructor" as const };
    await tx.enrollment.delete({ where: { userId_courseId: { userId, courseId } } });
    return { ok: true as const };
  });
}
