/**
 * Importing a roster into the instructor's course: the file judged again inside the
 * transaction (the preview may be minutes old), then, for each row without problems, the
 * account created without a password and an invitation issued, or an existing account
 * enrolled. Rows with problems are skipped, as the preview said. All or nothing: a failure
 * leaves no half-imported class.
 */
import type { SessionUser } from "../auth";
import { NO_PASSWORD } from "../auth/password";
import { db, Prisma } from "../db";
import { actingCourse } from "../instructor/acting-course";
import { issueInvitation } from "./invitations";
import { previewRoster, type RosterError, type RosterPreview } from "./preview";

export interface InvitedStudent {
  userId: string;
  name: string;
  email: string;
  /** The link's token: shown once, never stored (only its hash is). */
  token: string;
  expiresAt: Date;
}

export interface ImportedRoster {
  ok: true;
  courseId: string;
  courseTitle: string;
  invited: InvitedStudent[];
  enrolled: { userId: string; name: string; email: string }[];
  skipped: number;
}

export type ImportError = RosterError | { code: "roster.forbidden" } | { code: "roster.changed" };

/** The preview, for the instructor's own course only. */
export async function previewForInstructor(instructor: SessionUser, bytes: Uint8Array): Promise<RosterPreview | { ok: false; error: ImportError }> {
  const course = await actingCourse(instructor);
  if (!course) return { ok: false, error: { code: "roster.forbidden" } };
  return previewRoster(course.id, bytes);
}

export async function importRoster(instructor: SessionUser, bytes: Uint8Array, now = new Date()): Promise<ImportedRoster | { ok: false; error: ImportError }> {
  const course = await actingCourse(instructor);
  if (!course) return { ok: false, error: { code: "roster.forbidden" } };
  try {
    return await db.$transaction(async (tx) => {
      const preview = await previewRoster(course.id, bytes, tx);
      if (!preview.ok) return preview;
      const invited: InvitedStudent[] = [];
      const enrolled: ImportedRoster["enrolled"] = [];
      for (const row of preview.rows) {
        if (row.action === "enroll") {
          const user = await tx.user.findUniqueOrThrow({ where: { email: row.email } });
          await tx.enrollment.create({ data: { userId: user.id, courseId: course.id, createdAt: now } });
          enrolled.push({ userId: user.id, name: user.name, email: user.email });
        } else if (row.action === "invite") {
          // A new account, or one imported before whose owner has not set a password yet.
          const user = row.newAccount
            ? await tx.user.create({ data: { email: row.email, name: row.name, passwordHash: NO_PASSWORD, role: "student", createdAt: now } })
            : await tx.user.findUniqueOrThrow({ where: { email: row.email } });
          await tx.enrollment.create({ data: { userId: user.id, courseId: course.id, createdAt: now } });
          const issued = await issueInvitation(tx, { userId: user.id, courseId: course.id, createdById: instructor.id, now });
          invited.push({ userId: user.id, name: user.name, email: user.email, ...issued });
        }
      }
      return { ok: true as const, courseId: course.id, courseTitle: course.title, invited, enrolled, skipped: preview.counts.skipped };
    });
  } catch (err) {
    // Someone registered or was enrolled with one of these addresses since the file was judged.
    const unique = (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") || String(err).includes("Unique constraint");
    if (unique) return { ok: false, error: { code: "roster.changed" } };
    throw err;
  }
}
