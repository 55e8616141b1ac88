/**
 * The exceptions in force (granted, not revoked), read inside whatever transaction asks: the
 * hand-in reads the student's in the same transaction as the rest of its rules.
 */
import type { db } from "../db";
import { ExceptionIndex, type StudentException } from "../rules/exception-rules";

type Tx = Pick<typeof db, "taskException">;

const fields = { taskId: true, userId: true, dueAt: true, lateUntil: true, extraAttempts: true, lateCredit: true } as const;

/** The student's exception on the task, or null. Granting revokes the one before, so there is at most one. */
export async function exceptionInForce(tx: Tx, taskId: string, userId: string): Promise<StudentException | null> {
  return tx.taskException.findFirst({
    where: { taskId, userId, revokedAt: null },
    orderBy: { grantedAt: "desc" },
    select: { dueAt: true, lateUntil: true, extraAttempts: true, lateCredit: true },
  });
}

/** Every exception in force on a course's tasks, or on one task. */
export async function exceptionsInForce(tx: Tx, scope: { courseId: string } | { taskId: string }): Promise<ExceptionIndex> {
  const rows = await tx.taskException.findMany({
    where: { revokedAt: null, ...("taskId" in scope ? { taskId: scope.taskId } : { task: { courseId: scope.courseId } }) },
    orderBy: { grantedAt: "asc" }, // the newest wins in the index
    select: fields,
  });
  return new ExceptionIndex(rows);
}
