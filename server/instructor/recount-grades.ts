/**
 * The counting grades a change of a task's rules moved, with the students' names, for the
 * settings page to say after a save. Nothing is rewritten: grades are counted from the stored
 * results under the current rules whenever they are read (see server/rules/recount.ts).
 */
import { db } from "../db";
import { exceptionsInForce } from "../exceptions/in-force";
import { recount, type CountingRules, type GradeChange } from "../rules/recount";

export interface NamedGradeChange extends GradeChange {
  name: string;
}

export async function gradeChanges(taskId: string, before: CountingRules, after: CountingRules): Promise<NamedGradeChange[]> {
  const subs = await db.submission.findMany({
    where: { taskId, status: "graded", user: { role: "student" } },
    select: { id: true, userId: true, createdAt: true, user: { select: { name: true } }, results: { where: { current: true }, select: { score: true, maxScore: true } } },
  });
  const names = new Map(subs.map((s) => [s.userId, s.user.name]));
  const graded = subs.filter((s) => s.results[0]).map((s) => ({ id: s.id, userId: s.userId, createdAt: s.createdAt, ...s.results[0] }));
  // A student with an exception is recounted under it, before and after the task's change.
  const exceptions = await exceptionsInForce(db, { taskId });
  return recount(before, after, graded, (userId) => exceptions.get(taskId, userId))
    .map((c) => ({ ...c, name: names.get(c.userId) ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
