/** Finding a course by the code students type, and giving a course a new one. */
import type { SessionUser } from "../auth";
import { generateJoinCode, matchJoinCode } from "../accounts/join-code";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { isCourseStaff } from "./membership";

/** The course whose join code matches, ignoring case and surrounding spaces. */
export async function courseByJoinCode(typed: string) {
  const exact = await db.course.findUnique({ where: { joinCode: typed.trim() } });
  if (exact) return exact;
  // SQLite and PostgreSQL compare case-sensitively (and Prisma's `mode: "insensitive"` is
  // PostgreSQL's only), and courses are few: any case, next, in JavaScript for both.
  const all = await db.course.findMany({ select: { id: true, joinCode: true } });
  const match = matchJoinCode(all, typed);
  return match ? db.course.findUnique({ where: { id: match.id } }) : null;
}

/**
 * A new join code for the course (the old one stops working at once: students already in
 * stay). Refused on an archived course, which takes no new students.
 */
export async function regenerateJoinCode(user: Pick<SessionUser, "id" | "role">, courseId: string): Promise<{ ok: true; joinCode: string } | { ok: false; error: "forbidden" | "course.archived" }> {
  if (!(await isCourseStaff(user, courseId))) return { ok: false, error: "forbidden" };
  for (let tries = 0; ; tries++) {
    const joinCode = generateJoinCode();
    try {
      const { count } = await db.course.updateMany({ where: { id: courseId, archivedAt: null }, data: { joinCode } });
      return count ? { ok: true, joinCode } : { ok: false, error: "course.archived" };
    } catch (err) {
      if (tries >= 3 || !isUniqueViolation(err)) throw err;
    }
  }
}
