/**
 * The gradebook: students by tasks, each cell the grade that counts under the task's rules,
 * or under the student's own exception on that task.
 */
import { studentsOf } from "../courses/membership";
import { db, Prisma } from "../db";
import { exceptionsInForce } from "../exceptions/in-force";
import { countingGrade, type CountingGrade } from "../rules/counting-grade";
import { withException } from "../rules/exception-rules";

export interface GradebookRow {
  student: { id: string; name: string; email: string };
  grades: Record<string, CountingGrade | null>;
  total: number;
}

export interface Gradebook {
  tasks: { id: string; slug: string; titlePt: string; titleEn: string; maxScore: number }[];
  rows: GradebookRow[];
  maxTotal: number;
}

export async function gradebook(courseId: string): Promise<Gradebook> {
  // The rules' columns, not the JSON ones (the reference's curves alone are tens of kilobytes).
  const tasks = await db.task.findMany({
    where: { courseId },
    orderBy: { position: "asc" },
    select: { id: true, slug: true, titlePt: true, titleEn: true, opensAt: true, dueAt: true, lateUntil: true, lateCredit: true, policy: true },
  });
  const students = await db.user.findMany({
    where: studentsOf(courseId),
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
  const graded = await gradedWithScores(tasks.map((t) => t.id));
  const exceptions = await exceptionsInForce(db, { courseId });
  const maxScores = new Map<string, number>();
  for (const g of graded) maxScores.set(g.taskId, g.maxScore);
  // Each student's graded submissions per task, gathered in one pass: filtering the whole
  // course's list per cell cost students × tasks × submissions (bench/load.ts).
  const byCell = new Map<string, GradedRow[]>();
  for (const g of graded) {
    const key = `${g.userId} ${g.taskId}`;
    const cell = byCell.get(key);
    if (cell) cell.push(g);
    else byCell.set(key, [g]);
  }
  const rows = students.map((student) => {
    const grades: Record<string, CountingGrade | null> = {};
    for (const task of tasks) {
      const mine = byCell.get(`${student.id} ${task.id}`) ?? [];
      grades[task.slug] = countingGrade(withException(task, exceptions.get(task.id, student.id)), mine);
    }
    const total = Math.round(Object.values(grades).reduce((s, g) => s + (g?.points ?? 0), 0) * 100) / 100;
    return { student, grades, total };
  });
  const taskList = tasks.map((t) => ({ id: t.id, slug: t.slug, titlePt: t.titlePt, titleEn: t.titleEn, maxScore: maxScores.get(t.id) ?? 10 }));
  return { tasks: taskList, rows, maxTotal: taskList.reduce((s, t) => s + t.maxScore, 0) };
}

interface GradedRow { id: string; userId: string; taskId: string; createdAt: Date; score: number; maxScore: number }

/**
 * Every graded submission of the tasks with its current result's score, in one statement:
 * Prisma's nested select read the submissions, then their results by thousands of ids, and
 * mapped both (three times the time of this join on a 300-student course, bench/load.ts).
 * Identifiers quoted for PostgreSQL; `createdAt` comes back as a Date from both adapters.
 */
async function gradedWithScores(taskIds: string[]): Promise<GradedRow[]> {
  if (taskIds.length === 0) return [];
  const rows = await db.$queryRaw<GradedRow[]>`
    SELECT s."id", s."userId", s."taskId", s."createdAt", r."score", r."maxScore"
      FROM "Submission" s
      JOIN "GradingResult" r ON r."submissionId" = s."id" AND r."current" = ${true}
     WHERE s."taskId" IN (${Prisma.join(taskIds)}) AND s."status" = 'graded'`;
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt), score: Number(r.score), maxScore: Number(r.maxScore) }));
}
