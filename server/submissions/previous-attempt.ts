/**
 * The same student's previous submission of the same task, as a diff against this one: what
 * changed between two attempts. It is the student's own code either way, so whoever may see
 * this submission (its owner, an instructor of the course) may see the earlier one.
 */
import { db } from "../db";
import { lineDiff, type DiffLine } from "./line-diff";
import type { SubmissionView } from "./read";

export interface PreviousAttempt {
  id: string;
  attempt: number;
  diff: DiffLine[];
}

export async function previousAttempt(view: Pick<SubmissionView, "attempt" | "code" | "task" | "student">): Promise<PreviousAttempt | null> {
  const previous = await db.submission.findFirst({
    where: { userId: view.student.id, taskId: view.task.id, attempt: { lt: view.attempt } },
    orderBy: { attempt: "desc" },
    select: { id: true, attempt: true, code: true },
  });
  if (!previous) return null;
  return { id: previous.id, attempt: previous.attempt, diff: lineDiff(previous.code, view.code) };
}
