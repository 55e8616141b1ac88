/**
 * The counting grades a change of a task's rules moved, with the students' names, for the
 * settings page to say after a save. Nothing is rewritten: grades are counted from the stored
 * results under the current rules whenever they are read (see server/rules/recount.ts).
 */
import { db } from "../db";
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
  return recount(before, after, graded)
    .map((c) => ({ ...c, name: names.get(c.userId) ?? "" }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
