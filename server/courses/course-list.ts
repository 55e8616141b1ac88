/** The instructor's courses as the course list shows them: term, state, how many students, what each was cloned from. */
import { db } from "../db";
import { STUDENT, staffedBy } from "./membership";

export interface StaffCourse {
  id: string;
  title: string;
  term: string;
  archivedAt: Date | null;
  createdAt: Date;
  students: number;
  clonedFrom: { title: string; term: string } | null;
}

export async function staffCourseList(userId: string): Promise<StaffCourse[]> {
  const courses = await db.course.findMany({
    where: staffedBy(userId),
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, term: true, archivedAt: true, createdAt: true, clonedFromId: true, _count: { select: { enrollments: { where: { role: STUDENT } } } } },
  });
  // A course's source is named only when the instructor can see it too (it is one of theirs).
  const byId = new Map(courses.map((c) => [c.id, c]));
  const rows = courses.map((c) => {
    const source = c.clonedFromId ? byId.get(c.clonedFromId) : undefined;
    return { id: c.id, title: c.title, term: c.term, archivedAt: c.archivedAt, createdAt: c.createdAt, students: c._count.enrollments, clonedFrom: source ? { title: source.title, term: source.term } : null };
  });
  // Active courses first, newest first within each part.
  return [...rows.filter((c) => !c.archivedAt), ...rows.filter((c) => c.archivedAt)];
}
