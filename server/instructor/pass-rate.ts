/**
 * The pass rate of a task: the share of enrolled students whose counting submission (the one
 * the gradebook counts, under the task's policy and dates) passed. Counted by students, not
 * submissions: ten failed tries and one pass is one student who passed.
 */
import { countingGrade, type GradedSubmission } from "../rules/counting-grade";
import type { TaskDates } from "../rules/deadlines";
import { withException, type StudentException } from "../rules/exception-rules";

export interface GradedWithVerdict extends GradedSubmission {
  userId: string;
  passed: boolean;
}

export interface PassRate {
  passed: number;
  /** Enrolled students: those who never handed in count as not passed. */
  students: number;
}

/** A student's own exception on the task (their rules for the counting grade), or null. */
export type ExceptionOf = (userId: string) => StudentException | null;
const none: ExceptionOf = () => null;

/** The students whose counting submission passed. */
export function studentsWhoPassed(task: TaskDates & { policy: string }, studentIds: string[], graded: GradedWithVerdict[], exceptionOf: ExceptionOf = none): Set<string> {
  const enrolled = new Set(studentIds);
  const byStudent = new Map<string, GradedWithVerdict[]>();
  for (const g of graded) if (enrolled.has(g.userId)) byStudent.set(g.userId, [...(byStudent.get(g.userId) ?? []), g]);
  const passed = new Set<string>();
  for (const [userId, mine] of byStudent) {
    const counting = countingGrade(withException(task, exceptionOf(userId)), mine);
    if (counting && mine.find((g) => g.id === counting.submissionId)?.passed) passed.add(userId);
  }
  return passed;
}

export function passRate(task: TaskDates & { policy: string }, studentIds: string[], graded: GradedWithVerdict[], exceptionOf: ExceptionOf = none): PassRate {
  return { passed: studentsWhoPassed(task, studentIds, graded, exceptionOf).size, students: new Set(studentIds).size };
}

/** Over the course: the students who passed every task. */
export function passedEveryTask(studentIds: string[], passedPerTask: Set<string>[]): PassRate {
  const ids = [...new Set(studentIds)];
  return { passed: passedPerTask.length === 0 ? 0 : ids.filter((id) => passedPerTask.every((p) => p.has(id))).length, students: ids.length };
}
