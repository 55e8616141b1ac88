/**
 * Invitation links: how a student an instructor imported sets their password. The token is
 * 32 random bytes; only its SHA-256 is stored (a database leak gives no working link, and a
 * token that long needs no slow hash). A link works once, until it expires; issuing a new one
 * for the same student revokes the ones before it. Accepting sets the password under the same
 * rules as registration, and only on an account that still has none.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { SessionUser } from "../auth";
import { hashPassword, NO_PASSWORD } from "../auth/password";
import { registration } from "../accounts/register";
import type { CookieReader } from "../courses/current-course";
import { studentsOf } from "../courses/membership";
import { db } from "../db";
import { lockUser } from "../db/locks";
import { env } from "../env";
import { actingCourse } from "../instructor/acting-course";

type Tx = Pick<typeof db, "invitation" | "$queryRaw">;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The page where the student sets their password. */
export function invitationLink(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, "")}/convite/${token}`;
}

export interface IssuedInvitation {
  token: string;
  expiresAt: Date;
}

/**
 * A new link for the student (the ones before it revoked), inside the caller's transaction.
 * The account is locked first (on PostgreSQL; SQLite's transaction holds the write lock
 * already): two links issued at once would otherwise each revoke only the links before both,
 * and both would work.
 */
export async function issueInvitation(tx: Tx, o: { userId: string; courseId: string; createdById: string; now: Date }): Promise<IssuedInvitation> {
  await lockUser(tx, o.userId);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(o.now.getTime() + env.TREINO_INVITATION_DAYS * 24 * 3600_000);
  await tx.invitation.updateMany({ where: { userId: o.userId, usedAt: null, revokedAt: null }, data: { revokedAt: o.now } });
  await tx.invitation.create({ data: { userId: o.userId, courseId: o.courseId, createdById: o.createdById, tokenHash: hashToken(token), createdAt: o.now, expiresAt } });
  return { token, expiresAt };
}

export type ReissueResult =
  | { ok: true; userId: string; name: string; email: string; token: string; expiresAt: Date }
  | { ok: false; error: "forbidden" | "hasPassword" | "courseChanged" | "course.archived" };

/**
 * A new link for a student of the instructor's current course whose account still has no
 * password. Never for an account with one: a link would let whoever holds it replace the
 * password. `shownFor` is the course the roster page was shown for: a course switched since is
 * refused. An archived course issues none (it is read-only).
 */
export async function reissueInvitation(instructor: SessionUser, cookies: CookieReader, userId: unknown, shownFor: unknown, now = new Date()): Promise<ReissueResult> {
  const id = z.string().min(1).max(100).safeParse(userId);
  if (!id.success) return { ok: false, error: "forbidden" };
  const acting = await actingCourse(instructor, cookies, shownFor ?? null);
  if (!acting.ok) return acting;
  const { course } = acting;
  const student = await db.user.findFirst({ where: { id: id.data, role: "student", ...studentsOf(course.id) } });
  if (!student) return { ok: false, error: "forbidden" };
  if (course.archivedAt) return { ok: false, error: "course.archived" };
  if (student.passwordHash !== NO_PASSWORD) return { ok: false, error: "hasPassword" };
  const issued = await db.$transaction(async (tx) => {
    // Read again under the account's lock: a password set since the check above (an invitation
    // accepted meanwhile) means no new link.
    await lockUser(tx, student.id);
    const account = await tx.user.findUniqueOrThrow({ where: { id: student.id }, select: { passwordHash: true } });
    if (account.passwordHash !== NO_PASSWORD) return null;
    return issueInvitation(tx, { userId: student.id, courseId: course.id, createdById: instructor.id, now });
  });
  if (!issued) return { ok: false, error: "hasPassword" };
  return { ok: true, userId: student.id, name: student.name, email: student.email, ...issued };
}

export type InvitationState =
  | { state: "valid"; name: string; email: string; expiresAt: Date }
  | { state: "used" | "revoked" | "expired" | "unknown" };

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

/** What the invitation page shows for a token. */
export async function invitationState(token: unknown, now = new Date()): Promise<InvitationState> {
  const parsed = tokenSchema.safeParse(token);
  if (!parsed.success) return { state: "unknown" };
  const inv = await db.invitation.findUnique({ where: { tokenHash: hashToken(parsed.data) }, include: { user: { select: { name: true, email: true, passwordHash: true } } } });
  if (!inv) return { state: "unknown" };
  if (inv.usedAt || inv.user.passwordHash !== NO_PASSWORD) return { state: "used" };
  if (inv.revokedAt) return { state: "revoked" };
  if (inv.expiresAt <= now) return { state: "expired" };
  return { state: "valid", name: inv.user.name, email: inv.user.email, expiresAt: inv.expiresAt };
}

const acceptance = z.object({ token: tokenSchema, password: registration.shape.password });

/** Accepted: the account's email (to sign in with) and the course the student was invited to. */
export type AcceptResult = { ok: true; email: string; courseId: string } | { ok: false; error: "invalid" | "used" | "revoked" | "expired" | "unknown"; fields?: string[] };

/**
 * Sets the student's password and spends the link, in one transaction: of two tabs sending
 * the form at once, one wins and the other is told the link was used.
 */
export async function acceptInvitation(input: unknown, now = new Date()): Promise<AcceptResult> {
  const parsed = acceptance.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    return fields.includes("token") ? { ok: false, error: "unknown" } : { ok: false, error: "invalid", fields };
  }
  const before = await invitationState(parsed.data.token, now);
  if (before.state !== "valid") return { ok: false, error: before.state };
  const passwordHash = await hashPassword(parsed.data.password); // slow: outside the transaction
  const tokenHash = hashToken(parsed.data.token);
  return db.$transaction(async (tx) => {
    const inv = await tx.invitation.findUniqueOrThrow({ where: { tokenHash } });
    // The account first, as issueInvitation locks it (the same order: no deadlock with a new
    // link being issued). The conditional updates below are what decide: of two acceptances at
    // once, the second's UPDATE waits for the first's row, then finds the link used.
    await lockUser(tx, inv.userId);
    const spent = await tx.invitation.updateMany({ where: { id: inv.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count === 0) return { ok: false as const, error: "used" as const };
    const set = await tx.user.updateMany({ where: { id: inv.userId, passwordHash: NO_PASSWORD }, data: { passwordHash } });
    if (set.count === 0) return { ok: false as const, error: "used" as const };
    const user = await tx.user.findUniqueOrThrow({ where: { id: inv.userId }, select: { email: true } });
    return { ok: true as const, email: user.email, courseId: inv.courseId };
  });
}
