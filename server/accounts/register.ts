/** Creating accounts: students join with a course's code; instructors come from the CLI or the seed. */
import { z } from "zod";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password";
import { courseByJoinCode } from "../courses/join-codes";
import { addStaffMembership, STUDENT } from "../courses/membership";

export const registration = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
  joinCode: z.string().trim().min(1).max(50),
});

export type RegisterError = "invalid" | "unknownJoinCode" | "courseArchived" | "emailTaken";

export async function registerStudent(input: unknown): Promise<{ ok: true; userId: string } | { ok: false; error: RegisterError; fields?: string[] }> {
  const parsed = registration.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fields: parsed.error.issues.map((i) => String(i.path[0])) };
  const { name, email, password, joinCode } = parsed.data;
  const course = await courseByJoinCode(joinCode);
  if (!course) return { ok: false, error: "unknownJoinCode" };
  // An archived course is read-only: it takes no new students.
  if (course.archivedAt) return { ok: false, error: "courseArchived" };
  if (await db.user.findUnique({ where: { email } })) return { ok: false, error: "emailTaken" };
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.user.create({
      data: { name, email, passwordHash, role: "student", enrollments: { create: { courseId: course.id, role: STUDENT } } },
    });
    return { ok: true, userId: user.id };
  } catch (err) {
    // The same email registered a moment ago (a double submit, or two tabs): the check above
    // could not see it yet.
    if (isUniqueViolation(err)) return { ok: false, error: "emailTaken" };
    throw err;
  }
}

/**
 * Creates or promotes an instructor account, and makes it staff of the courses given (none by
 * default: an instructor sees only the courses they create or are added to).
 */
export async function upsertInstructor(input: { name: string; email: string; password: string }, opts: { staffOf?: string[] } = {}): Promise<string> {
  const email = input.email.trim().toLowerCase();
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(input.password);
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: input.name, passwordHash, role: "instructor" },
    update: { name: input.name, passwordHash, role: "instructor" },
  });
  for (const courseId of opts.staffOf ?? []) await addStaffMembership(user.id, courseId);
  return user.id;
}
