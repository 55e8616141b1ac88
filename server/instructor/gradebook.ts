/**
 * The gradebook: students by tasks, each cell the grade that counts under the task's rules,
 * or under the student's own exception on that task.
 */
import { studentsOf } from "../courses/membership";
import { db } from "../db";
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
  const tasks = await db.task.findMany({ where: { courseId }, orderBy: { position: "asc" } });
  const students = await db.user.findMany({
    where: studentsOf(courseId),
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true },
  });
  const graded = await db.submission.findMany({
    // By the course's task ids rather than a join on Task: an index on (taskId, status, ...) serves it.
    where: { taskId: { in: tasks.map((t) => t.id) }, status: "graded" },
    select: { id: true, userId: true, taskId: true, createdAt: true, results: { where: { current: true }, select: { score: true, maxScore: true } } },
  });
  const exceptions = await exceptionsInForce(db, { courseId });
  const maxScores = new Map<string, number>();
  for (const g of graded) if (g.results[0]) maxScores.set(g.taskId, g.results[0].maxScore);
  // Each student's graded submissions per task, gathered in one pass: filtering the whole
  // course's list per cell cost students × tasks × submissions (bench/load.ts).
  const byCell = new Map<string, { id: string; createdAt: Date; score: number; maxScore: number }[]>();
  for (const g of graded) {
    if (!g.results[0]) continue;
    const key = `${g.userId} ${g.taskId}`;
    const cell = byCell.get(key) ?? [];
    if (cell.length === 0) byCell.set(key, cell);
    cell.push({ id: g.id, createdAt: g.createdAt, score: g.results[0].score, maxScore: g.results[0].maxScore });
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
