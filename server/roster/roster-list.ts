/**
 * The course's students with the state of their account, for the roster page: active (has
 * a password), an invitation pending until a date, an expired one, or none valid (an
 * instructor can issue a new link for all but the active ones).
 */
import { hasPassword } from "../auth/password";
import { studentsOf } from "../courses/membership";
import { db } from "../db";

export type AccountState = { state: "active" } | { state: "pending"; expiresAt: Date } | { state: "expired" } | { state: "noLink" };

export interface RosterEntry {
  id: string;
  name: string;
  email: string;
  account: AccountState;
}

export async function courseRoster(courseId: string, now = new Date()): Promise<RosterEntry[]> {
  const students = await db.user.findMany({
    where: studentsOf(courseId),
    orderBy: { name: "asc" },
    select: {
      id: true, name: true, email: true, passwordHash: true,
      invitations: { where: { usedAt: null, revokedAt: null }, orderBy: { expiresAt: "desc" }, take: 1, select: { expiresAt: true } },
    },
  });
  return students.map((s) => {
    const invitation = s.invitations[0];
    const account: AccountState = hasPassword(s.passwordHash)
      ? { state: "active" }
      : !invitation
        ? { state: "noLink" }
        : invitation.expiresAt > now
          ? { state: "pending", expiresAt: invitation.expiresAt }
          : { state: "expired" };
    return { id: s.id, name: s.name, email: s.email, account };
  });
}
