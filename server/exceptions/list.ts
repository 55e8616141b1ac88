/**
 * The exceptions of a course, for the instructor's task and student pages: in force and
 * revoked, newest first, with who granted and who revoked each and when. Always scoped by the
 * course, so a page can never list another course's.
 */
import { studentsOf } from "../courses/membership";
import { db } from "../db";

export interface ExceptionRow {
  id: string;
  task: { id: string; slug: string; titlePt: string; titleEn: string };
  student: { id: string; name: string; email: string };
  dueAt: Date | null;
  lateUntil: Date | null;
  extraAttempts: number | null;
  lateCredit: number | null;
  grantedBy: string | null;
  grantedAt: Date;
  revokedBy: string | null;
  revokedAt: Date | null;
}

async function exceptionRows(where: { taskId?: string; userId?: string }, courseId: string): Promise<ExceptionRow[]> {
  const rows = await db.taskException.findMany({
    where: { ...where, task: { courseId } },
    orderBy: [{ grantedAt: "desc" }, { id: "desc" }],
    include: {
      task: { select: { id: true, slug: true, titlePt: true, titleEn: true } },
      user: { select: { id: true, name: true, email: true } },
      grantedBy: { select: { name: true } },
      revokedBy: { select: { name: true } },
    },
  });
  // Those in force first, each group newest first.
  return rows
    .map((r) => ({
      id: r.id, task: r.task, student: r.user, dueAt: r.dueAt, lateUntil: r.lateUntil, extraAttempts: r.extraAttempts, lateCredit: r.lateCredit,
      grantedBy: r.grantedBy?.name ?? null, grantedAt: r.grantedAt, revokedBy: r.revokedBy?.name ?? null, revokedAt: r.revokedAt,
    }))
    .sort((a, b) => Number(a.revokedAt != null) - Number(b.revokedAt != null));
}

export function exceptionsOfTask(courseId: string, taskId: string): Promise<ExceptionRow[]> {
  return exceptionRows({ taskId }, courseId);
}

export function exceptionsOfStudent(courseId: string, userId: string): Promise<ExceptionRow[]> {
  return exceptionRows({ userId }, courseId);
}

/** The course's students, for the form's choice of whom to grant one. */
export function courseStudents(courseId: string) {
  return db.user.findMany({ where: studentsOf(courseId), orderBy: { name: "asc" }, select: { id: true, name: true, email: true } });
}
