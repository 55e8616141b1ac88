/** What a student may hand in on a task right now: the task's window and their 24-hour allowance. */
import { db } from "../db";
import { windowAt, type Window } from "./deadlines";
import { limitState, WINDOW_MS, type LimitState } from "./submission-limit";

export interface Allowance extends LimitState {
  window: Window;
  opensAt: Date | null;
  dueAt: Date | null;
  lateUntil: Date | null;
  lateCredit: number;
}

type Tx = Pick<typeof db, "submission">;

export async function allowanceFor(userId: string, task: { id: string; opensAt: Date | null; dueAt: Date | null; lateUntil: Date | null; lateCredit: number; maxPerDay: number | null }, now = new Date(), tx: Tx = db): Promise<Allowance> {
  const recent = await tx.submission.findMany({
    where: { userId, taskId: task.id, createdAt: { gt: new Date(now.getTime() - WINDOW_MS) } },
    select: { createdAt: true, results: { where: { current: true }, select: { failureKind: true } } },
  });
  const past = recent.map((s) => ({ createdAt: s.createdAt, failureKind: s.results[0]?.failureKind ?? null }));
  return { ...limitState(task.maxPerDay, past, now), window: windowAt(task, now), opensAt: task.opensAt, dueAt: task.dueAt, lateUntil: task.lateUntil, lateCredit: task.lateCredit };
}
