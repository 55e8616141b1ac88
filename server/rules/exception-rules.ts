/**
 * One student's rules on a task: the task's own, with the student's exception applied (a
 * later deadline and late window, extra hand-ins per 24 hours, another late credit). Every
 * place that judges a hand-in or counts a grade goes through here, so an exception means the
 * same thing to the submit button, the hand-in's transaction, the gradebook and a recount.
 */
import type { TaskDates } from "./deadlines";

export interface StudentException {
  dueAt: Date | null;
  lateUntil: Date | null;
  /** Hand-ins per rolling 24 hours on top of the task's `maxPerDay`. */
  extraAttempts: number | null;
  /** Share of the score late work keeps (0..1), instead of the task's. */
  lateCredit: number | null;
}

/** The later of two moments, null counting as "none" (not as "never"). */
function later(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return b > a ? b : a;
}

/**
 * The task's rules for this student. Dates only ever move later: an exception cannot impose a
 * deadline on a task that has none, and a task deadline moved past the student's own wins (an
 * exception never leaves a student worse off than the class). Extra attempts raise a limit
 * the task has; with no limit there is nothing to raise.
 */
export function withException<T extends TaskDates & { maxPerDay?: number | null }>(task: T, exception: StudentException | null | undefined): T {
  if (!exception) return task;
  const dueAt = task.dueAt && exception.dueAt ? later(task.dueAt, exception.dueAt) : task.dueAt;
  const rules: T = {
    ...task,
    dueAt,
    lateUntil: later(task.lateUntil, exception.lateUntil),
    lateCredit: exception.lateCredit ?? task.lateCredit,
  };
  if (task.maxPerDay != null) rules.maxPerDay = task.maxPerDay + Math.max(0, exception.extraAttempts ?? 0);
  return rules;
}

/** Exceptions in force, by task and student, as the gradebook and recounts look them up. */
export class ExceptionIndex {
  private readonly byKey = new Map<string, StudentException>();

  constructor(rows: readonly (StudentException & { taskId: string; userId: string })[] = []) {
    for (const row of rows) this.byKey.set(`${row.taskId}\u0000${row.userId}`, row);
  }

  get(taskId: string, userId: string): StudentException | null {
    return this.byKey.get(`${taskId}\u0000${userId}`) ?? null;
  }
}
