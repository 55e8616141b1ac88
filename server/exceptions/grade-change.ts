/**
 * What granting or revoking an exception did to the student's counting grade. Nothing is
 * rewritten: counting grades are read from the stored results under the rules in force (see
 * server/rules/recount.ts), so the grade has already moved; this says from what to what.
 */
import { db } from "../db";
import type { CountingGrade } from "../rules/counting-grade";
import type { StudentException } from "../rules/exception-rules";
import { recount, type CountingRules } from "../rules/recount";

export interface StudentGradeChange {
  before: CountingGrade | null;
  after: CountingGrade | null;
}

export async function studentGradeChange(task: CountingRules & { id: string }, userId: string, before: StudentException | null, after: StudentException | null): Promise<StudentGradeChange | null> {
  const subs = await db.submission.findMany({
    where: { taskId: task.id, userId, status: "graded" },
    select: { id: true, createdAt: true, results: { where: { current: true }, select: { score: true, maxScore: true } } },
  });
  const graded = subs.filter((s) => s.results[0]).map((s) => ({ id: s.id, userId, createdAt: s.createdAt, ...s.results[0] }));
  const [change] = recount(task, task, graded, () => before, () => after);
  return change ? { before: change.before, after: change.after } : null;
}
