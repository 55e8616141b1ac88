/**
 * A task's dates: when it opens, when it is due, until when late work is taken, and how
 * much of its score late work keeps.
 */
export interface TaskDates {
  opensAt: Date | null;
  dueAt: Date | null;
  lateUntil: Date | null;
  /** Share of the score kept by work after `dueAt` (0..1). */
  lateCredit: number;
}

export type Window = "notOpen" | "onTime" | "late" | "closed";

export function windowAt(task: TaskDates, at: Date): Window {
  if (task.opensAt && at < task.opensAt) return "notOpen";
  if (!task.dueAt || at <= task.dueAt) return "onTime";
  if (task.lateUntil && at <= task.lateUntil) return "late";
  return "closed";
}

/** The share of its score a submission made at `at` keeps. */
export function creditAt(task: TaskDates, at: Date): number {
  const w = windowAt(task, at);
  return w === "onTime" ? 1 : w === "late" ? Math.min(1, Math.max(0, task.lateCredit)) : 0;
}

/** The moment after which nothing more counts (null: never closes). */
export function closesAt(task: Pick<TaskDates, "dueAt" | "lateUntil">): Date | null {
  return task.lateUntil && task.dueAt && task.lateUntil > task.dueAt ? task.lateUntil : task.dueAt;
}
