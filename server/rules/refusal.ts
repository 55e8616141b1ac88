/**
 * Why a hand-in would be refused by the task's rules right now, or null when it would be
 * taken. One rule for both sides: the API refuses with it (server/submissions/create.ts) and
 * the task page disables its submit button with the same reason beforehand.
 */
import type { Allowance } from "./allowance";

export type RuleRefusal =
  | { code: "rules.notOpen"; params: { opensAt: string } }
  | { code: "rules.closed"; params: { closedAt: string } }
  | { code: "rules.limit"; params: { limit: number; nextFreeAt: string } };

export function ruleRefusal(a: Pick<Allowance, "window" | "opensAt" | "dueAt" | "lateUntil" | "limit" | "remaining" | "nextFreeAt">): RuleRefusal | null {
  if (a.window === "notOpen") return { code: "rules.notOpen", params: { opensAt: a.opensAt!.toISOString() } };
  if (a.window === "closed") return { code: "rules.closed", params: { closedAt: (a.lateUntil ?? a.dueAt)!.toISOString() } };
  if (a.remaining === 0) return { code: "rules.limit", params: { limit: a.limit!, nextFreeAt: a.nextFreeAt!.toISOString() } };
  return null;
}
