/**
 * Importing a roster into the instructor's current course: the file judged again inside the
 * transaction (the preview may be minutes old), then, for each row without problems, the
 * account created without a password and an invitation issued, or an existing account
 * enrolled, as a student of the course. Rows with problems are skipped, as the preview said.
 * All or nothing: a failure leaves no half-imported class. The course is the current one
 * (`actingCourse`), and must still be the one the page was shown for; an archived course
 * takes no one.
 */
import type { SessionUser } from "../auth";
import { NO_PASSWORD } from "../auth/password";
import { archivedRefusal, type ArchivedRefusal } from "../courses/archive";
import { courseLabel } from "../courses/course-label";
import type { CookieReader } from "../courses/current-course";
import { STUDENT } from "../courses/membership";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { lockCourse } from "../db/locks";
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
  /** The course as its students know it (title and term), for the invitation emails. */
  courseTitle: string;
  invited: InvitedStudent[];
  enrolled: { userId: string; name: string; email: string }[];
  skipped: number;
}

export type ImportError = RosterError | { code: "roster.forbidden" } | { code: "roster.changed" } | { code: "roster.courseChanged" } | ArchivedRefusal;

/** The current course a roster may be imported into, or why not. */
async function rosterCourse(instructor: SessionUser, cookies: CookieReader, shownFor?: unknown) {
  const acting = await actingCourse(instructor, cookies, shownFor);
  if (!acting.ok) return { ok: false as const, error: { code: acting.error === "courseChanged" ? ("roster.courseChanged" as const) : ("roster.forbidden" as const) } };
  const archived = archivedRefusal(acting.course);
  if (archived) return { ok: false as const, error: archived };
  return acting;
}

/**
 * The preview, for the instructor's current course only (`shownFor`: the course the page was
 * shown for, when the page says). Writes nothing.
 */
export async function previewForInstructor(instructor: SessionUser, cookies: CookieReader, bytes: Uint8Array, shownFor?: unknown): Promise<RosterPreview | { ok: false; error: ImportError }> {
  const found = await rosterCourse(instructor, cookies, shownFor);
  if (!found.ok) return found;
  return previewRoster(found.course.id, bytes);
}

/**
 * A full roster (MAX_ROSTER_ROWS students: some 5,000 statements) takes 4-5 s on this 2-core
 * machine, on SQLite and on PostgreSQL alike: past Prisma's default 5-second limit for an
 * interactive transaction, which then fails the whole import. Time enough for a loaded server.
 */
const IMPORT_TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

/** `shownFor`: the course the roster page was shown for; required, and must still be current. */
export async function importRoster(instructor: SessionUser, cookies: CookieReader, bytes: Uint8Array, shownFor: unknown, now = new Date()): Promise<ImportedRoster | { ok: false; error: ImportError }> {
  const found = await rosterCourse(instructor, cookies, shownFor ?? null);
  if (!found.ok) return found;
  const { course } = found;
  try {
    return await db.$transaction(async (tx) => {
      // The course is locked first (on PostgreSQL; SQLite's transaction holds the write lock
      // already): a second import into it waits, then judges its file against the students
      // this one added (already in the course) instead of failing on their addresses.
      await lockCourse(tx, course.id);
      // Archived since it was checked: nothing is written.
      const state = await tx.course.findUniqueOrThrow({ where: { id: course.id }, select: { archivedAt: true } });
      const archived = archivedRefusal(state);
      if (archived) return { ok: false as const, error: archived };
      const preview = await previewRoster(course.id, bytes, tx);
      if (!preview.ok) return preview;
      const invited: InvitedStudent[] = [];
      const enrolled: ImportedRoster["enrolled"] = [];
      for (const row of preview.rows) {
        if (row.action === "enroll") {
          const user = await tx.user.findUniqueOrThrow({ where: { email: row.email } });
          await tx.enrollment.create({ data: { userId: user.id, courseId: course.id, role: STUDENT, createdAt: now } });
          enrolled.push({ userId: user.id, name: user.name, email: user.email });
        } else if (row.action === "invite") {
          // A new account, or one imported before whose owner has not set a password yet.
          const user = row.newAccount
            ? await tx.user.create({ data: { email: row.email, name: row.name, passwordHash: NO_PASSWORD, role: "student", createdAt: now } })
            : await tx.user.findUniqueOrThrow({ where: { email: row.email } });
          await tx.enrollment.create({ data: { userId: user.id, courseId: course.id, role: STUDENT, createdAt: now } });
          const issued = await issueInvitation(tx, { userId: user.id, courseId: course.id, createdById: instructor.id, now });
          invited.push({ userId: user.id, name: user.name, email: user.email, ...issued });
        }
      }
      return { ok: true as const, courseId: course.id, courseTitle: courseLabel(course), invited, enrolled, skipped: preview.counts.skipped };
    }, IMPORT_TRANSACTION);
  } catch (err) {
    // Someone registered or was enrolled with one of these addresses since the file was judged
    // (on PostgreSQL, possibly while this transaction ran: registration takes no course lock).
    if (isUniqueViolation(err)) return { ok: false, error: { code: "roster.changed" } };
    throw err;
  }
}
