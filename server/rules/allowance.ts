/**
 * What a student may hand in on a task right now: the task's window and their 24-hour
 * allowance, under their own exception when they have one.
 */
import { db } from "../db";
import { exceptionInForce } from "../exceptions/in-force";
import { windowAt, type Window } from "./deadlines";
import { withException, type StudentException } from "./exception-rules";
import { limitState, WINDOW_MS, type LimitState } from "./submission-limit";

export interface Allowance extends LimitState {
  window: Window;
  /** The dates, late credit and limit below are the student's own (the exception applied). */
  opensAt: Date | null;
  dueAt: Date | null;
  lateUntil: Date | null;
  lateCredit: number;
  /** The student's exception on this task, as granted; null when the task's rules apply as they are. */
  exception: StudentException | null;
}

type Tx = Pick<typeof db, "submission" | "taskException">;

export async function allowanceFor(userId: string, task: { id: string; opensAt: Date | null; dueAt: Date | null; lateUntil: Date | null; lateCredit: number; maxPerDay: number | null }, now = new Date(), tx: Tx = db): Promise<Allowance> {
  const exception = await exceptionInForce(tx, task.id, userId);
  const rules = withException(task, exception);
  const recent = await tx.submission.findMany({
    where: { userId, taskId: task.id, createdAt: { gt: new Date(now.getTime() - WINDOW_MS) } },
    select: { createdAt: true, results: { where: { current: true }, select: { failureKind: true } } },
  });
  const past = recent.map((s) => ({ createdAt: s.createdAt, failureKind: s.results[0]?.failureKind ?? null }));
  return {
    ...limitState(rules.maxPerDay, past, now),
    window: windowAt(rules, now),
    opensAt: rules.opensAt,
    dueAt: rules.dueAt,
    lateUntil: rules.lateUntil,
    lateCredit: rules.lateCredit,
    exception,
  };
}
