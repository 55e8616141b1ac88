/** Creating accounts: students join with a course's code; instructors come from the CLI or the seed. */
import { z } from "zod";
import { db } from "../db";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password";
import { matchJoinCode } from "./join-code";

export const registration = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
  joinCode: z.string().trim().min(1).max(50),
});

export type RegisterError = "invalid" | "unknownJoinCode" | "emailTaken";

export async function registerStudent(input: unknown): Promise<{ ok: true; userId: string } | { ok: false; error: RegisterError; fields?: string[] }> {
  const parsed = registration.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fields: parsed.error.issues.map((i) => String(i.path[0])) };
  const { name, email, password, joinCode } = parsed.data;
  // SQLite compares case-sensitively and courses are few: the exact code first, then any case.
  const course = (await db.course.findUnique({ where: { joinCode } })) ?? matchJoinCode(await db.course.findMany({ select: { id: true, joinCode: true } }), joinCode);
  if (!course) return { ok: false, error: "unknownJoinCode" };
  if (await db.user.findUnique({ where: { email } })) return { ok: false, error: "emailTaken" };
  const user = await db.user.create({
    data: { name, email, passwordHash: await hashPassword(password), role: "student", enrollments: { create: { courseId: course.id } } },
  });
  return { ok: true, userId: user.id };
}

/** Creates or promotes an instructor and enrolls them in every course. */
export async function upsertInstructor(input: { name: string; email: string; password: string }): Promise<string> {
  const email = input.email.trim().toLowerCase();
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(input.password);
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: input.name, passwordHash, role: "instructor" },
    update: { name: input.name, passwordHash, role: "instructor" },
  });
  for (const course of await db.course.findMany()) {
    await db.enrollment.upsert({ where: { userId_courseId: { userId: user.id, courseId: course.id } }, create: { userId: user.id, courseId: course.id }, update: {} });
  }
  return user.id;
}
