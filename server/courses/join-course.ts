/** A student joins another course with its join code (from their profile or the task list). */
import { z } from "zod";
import type { SessionUser } from "../auth";
import { db } from "../db";
import { courseByJoinCode } from "./join-codes";
import { STUDENT } from "./membership";

const joinInput = z.object({ joinCode: z.string().trim().min(1).max(50) });

export type JoinError = "invalid" | "unknownJoinCode" | "courseArchived" | "alreadyMember" | "notStudent";

export async function joinCourse(user: Pick<SessionUser, "id" | "role">, input: unknown): Promise<{ ok: true; courseId: string } | { ok: false; error: JoinError }> {
  // Instructors are added to a course's staff by its instructors, never by its students' code.
  if (user.role !== "student") return { ok: false, error: "notStudent" };
  const parsed = joinInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid" };
  const course = await courseByJoinCode(parsed.data.joinCode);
  if (!course) return { ok: false, error: "unknownJoinCode" };
  if (course.archivedAt) return { ok: false, error: "courseArchived" };
  const existing = await db.enrollment.findUnique({ where: { userId_courseId: { userId: user.id, courseId: course.id } } });
  if (existing) return { ok: false, error: "alreadyMember" };
  await db.enrollment.create({ data: { userId: user.id, courseId: course.id, role: STUDENT } });
  return { ok: true, courseId: course.id };
}
