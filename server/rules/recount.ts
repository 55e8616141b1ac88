/**
 * What a change of a task's dates, late credit or policy does to the grades that count.
 * Counting grades are never stored: the gradebook applies the task's current rules to the
 * stored results every time it is read, so a moved deadline recounts everyone at once with
 * no regrading. This compares the counting grades under the old and the new rules, so the
 * instructor is told exactly whose grade moved.
 */
import { countingGrade, type CountingGrade, type GradedSubmission } from "./counting-grade";
import type { TaskDates } from "./deadlines";
import { withException, type StudentException } from "./exception-rules";

export type CountingRules = TaskDates & { policy: string };

export interface GradeChange {
  userId: string;
  before: CountingGrade | null;
  after: CountingGrade | null;
}

/** True when the rules that pick and discount the counting grade differ. */
export function countingRulesChanged(a: CountingRules, b: CountingRules): boolean {
  const t = (d: Date | null) => d?.getTime() ?? null;
  return t(a.opensAt) !== t(b.opensAt) || t(a.dueAt) !== t(b.dueAt) || t(a.lateUntil) !== t(b.lateUntil) || a.lateCredit !== b.lateCredit || a.policy !== b.policy;
}

/**
 * The students whose counting grade differs (points, lateness, or which submission) between two
 * sets of rules. Each student is counted under their own exception, before and after (the
 * same one when only the task's rules changed; `exceptionAfter` when a grant or revoke did).
 */
export function recount(
  before: CountingRules,
  after: CountingRules,
  graded: (GradedSubmission & { userId: string })[],
  exceptionBefore: (userId: string) => StudentException | null = () => null,
  exceptionAfter: (userId: string) => StudentException | null = exceptionBefore,
): GradeChange[] {
  const byStudent = new Map<string, GradedSubmission[]>();
  for (const g of graded) byStudent.set(g.userId, [...(byStudent.get(g.userId) ?? []), g]);
  const changes: GradeChange[] = [];
  for (const [userId, mine] of byStudent) {
    const a = countingGrade(withException(before, exceptionBefore(userId)), mine);
    const b = countingGrade(withException(after, exceptionAfter(userId)), mine);
    const same = a?.submissionId === b?.submissionId && a?.points === b?.points && a?.late === b?.late;
    if (!same) changes.push({ userId, before: a, after: b });
  }
  return changes;
}
