/**
 * Archiving a course: it becomes read-only (no hand-ins, no rule changes, no regrades, no
 * new students, no new join code) and moves to the "archived" part of the course switcher;
 * its students, submissions and grades stay, readable and exportable. Unarchiving undoes it.
 */
import type { SessionUser } from "../auth";
import { db } from "../db";
import { isCourseStaff } from "./membership";

/** Why a course refuses a change: it is archived. */
export type ArchivedRefusal = { code: "course.archived" };

export function archivedRefusal(course: { archivedAt: Date | null }): ArchivedRefusal | null {
  return course.archivedAt ? { code: "course.archived" } : null;
}

/** Whether the course is archived (a missing course counts as archived: nothing may change it). */
export async function isCourseArchived(courseId: string): Promise<boolean> {
  const course = await db.course.findUnique({ where: { id: courseId }, select: { archivedAt: true } });
  return !course || course.archivedAt != null;
}

export async function setCourseArchived(user: Pick<SessionUser, "id" | "role">, courseId: string, archived: boolean, now = new Date()): Promise<{ ok: true } | { ok: false; error: "forbidden" }> {
  if (!(await isCourseStaff(user, courseId))) return { ok: false, error: "forbidden" };
  // Archiving an archived course keeps the first date.
  await db.course.updateMany({ where: { id: courseId, archivedAt: archived ? null : { not: null } }, data: { archivedAt: archived ? now : null } });
  return { ok: true };
}
