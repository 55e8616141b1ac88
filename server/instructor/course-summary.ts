/** The class overview's table: per task, submissions, graded ones, and the pass rate by students. */
import { studentsOf } from "../courses/membership";
import { db } from "../db";
import { exceptionsInForce } from "../exceptions/in-force";
import { passedEveryTask, passRate, studentsWhoPassed, type GradedWithVerdict, type PassRate } from "./pass-rate";

export interface TaskSummary {
  id: string;
  slug: string;
  titlePt: string;
  titleEn: string;
  dueAt: Date | null;
  submissions: number;
  graded: number;
  passRate: PassRate;
}

export async function courseSummary(courseId: string): Promise<{ tasks: TaskSummary[]; overall: PassRate }> {
  const students = await db.user.findMany({ where: studentsOf(courseId), select: { id: true } });
  const ids = students.map((s) => s.id);
  const tasks = await db.task.findMany({
    where: { courseId },
    orderBy: { position: "asc" },
    include: {
      submissions: {
        select: { id: true, userId: true, createdAt: true, status: true, results: { where: { current: true }, select: { score: true, maxScore: true, passed: true } } },
      },
    },
  });
  const exceptions = await exceptionsInForce(db, { courseId });
  const passedPerTask: Set<string>[] = [];
  const rows = tasks.map((task) => {
    const graded: GradedWithVerdict[] = task.submissions
      .filter((s) => s.status === "graded" && s.results[0])
      .map((s) => ({ id: s.id, userId: s.userId, createdAt: s.createdAt, ...s.results[0] }));
    const exceptionOf = (userId: string) => exceptions.get(task.id, userId);
    passedPerTask.push(studentsWhoPassed(task, ids, graded, exceptionOf));
    return {
      id: task.id, slug: task.slug, titlePt: task.titlePt, titleEn: task.titleEn, dueAt: task.dueAt,
      submissions: task.submissions.length, graded: graded.length, passRate: passRate(task, ids, graded, exceptionOf),
    };
  });
  return { tasks: rows, overall: passedEveryTask(ids, passedPerTask) };
}
