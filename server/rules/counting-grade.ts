/**
 * The grade that counts for a student on a task, under the task's policy: the best graded
 * submission, or the last one, among those made before the task closed; late ones keep only
 * the task's late credit.
 */
import { closesAt, creditAt, type TaskDates } from "./deadlines";

export interface GradedSubmission {
  id: string;
  createdAt: Date;
  score: number;
  maxScore: number;
}

export interface CountingGrade {
  submissionId: string;
  /** Points after the late penalty. */
  points: number;
  maxScore: number;
  rawScore: number;
  late: boolean;
}

export function countingGrade(task: TaskDates & { policy: string }, graded: GradedSubmission[]): CountingGrade | null {
  const close = closesAt(task);
  const eligible = graded
    .filter((s) => (!task.opensAt || s.createdAt >= task.opensAt) && (!close || s.createdAt <= close))
    .map((s) => {
      const credit = creditAt(task, s.createdAt);
      return { submissionId: s.id, points: Math.round(s.score * credit * 100) / 100, maxScore: s.maxScore, rawScore: s.score, late: credit < 1 || (task.dueAt != null && s.createdAt > task.dueAt), at: s.createdAt };
    });
  if (eligible.length === 0) return null;
  const pick =
    task.policy === "last"
      ? eligible.reduce((a, b) => (b.at > a.at ? b : a))
      : eligible.reduce((a, b) => (b.points > a.points || (b.points === a.points && b.at < a.at) ? b : a));
  const { at: _at, ...grade } = pick;
  return grade;
}
