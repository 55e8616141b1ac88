/**
 * Why a hand-in would be refused by the task's rules right now, or null when it would be
 * taken. One rule for both sides: the API refuses with it (server/submissions/create.ts) and
 * the task page disables its submit button with the same reason beforehand.
 */
import type { Allowance } from "./allowance";
import { closesAt } from "./deadlines";

export type RuleRefusal =
  | { code: "rules.notOpen"; params: { opensAt: string } }
  | { code: "rules.closed"; params: { closedAt: string } }
  | { code: "rules.limit"; params: { limit: number; nextFreeAt: string } };

export function ruleRefusal(a: Pick<Allowance, "window" | "opensAt" | "dueAt" | "lateUntil" | "limit" | "remaining" | "nextFreeAt">): RuleRefusal | null {
  if (a.window === "notOpen") return { code: "rules.notOpen", params: { opensAt: a.opensAt!.toISOString() } };
  // The moment it closed: the end of the late window only when that comes after the deadline
  // (a student's later deadline can pass the task's own late window).
  if (a.window === "closed") return { code: "rules.closed", params: { closedAt: closesAt(a)!.toISOString() } };
  if (a.remaining === 0) return { code: "rules.limit", params: { limit: a.limit!, nextFreeAt: a.nextFreeAt!.toISOString() } };
  return null;
}
