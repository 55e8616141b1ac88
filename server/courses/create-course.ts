/**
 * An instructor creates a course for a term: blank (every task of `exercises/`, default
 * rules) or cloned from an earlier course of theirs (its tasks and every rule; no students,
 * no submissions, no co-instructors: access is granted explicitly, never inherited). The
 * creator is the new course's first instructor.
 */
import { z } from "zod";
import type { SessionUser } from "../auth";
import { generateJoinCode } from "../accounts/join-code";
import { db } from "../db";
import { isUniqueViolation } from "../db/errors";
import { addBlankTasks, copyTasks } from "./course-tasks";
import { slugify, uniqueSlug } from "./course-slug";
import { INSTRUCTOR, isCourseStaff } from "./membership";

export const newCourseInput = z.object({
  title: z.string().trim().min(1).max(120),
  term: z.string().trim().min(1).max(40),
  /** The course to clone, or empty for a blank one. */
  cloneFrom: z
    .union([z.literal(""), z.string().min(1).max(100)])
    .optional()
    .transform((v) => v || null),
});

export type CreateCourseResult =
  | { ok: true; courseId: string; tasks: number }
  | { ok: false; error: "forbidden" | "sourceNotFound" }
  | { ok: false; error: "invalid"; fields: string[] };

export async function createCourse(user: Pick<SessionUser, "id" | "role">, input: unknown): Promise<CreateCourseResult> {
  if (user.role !== "instructor") return { ok: false, error: "forbidden" };
  const parsed = newCourseInput.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))] };
  const { title, term, cloneFrom } = parsed.data;
  // Only a course the instructor is staff of can be cloned; any other id looks missing.
  if (cloneFrom && !(await isCourseStaff(user, cloneFrom))) return { ok: false, error: "sourceNotFound" };

  // A join code or slug taken between the check and the insert fails the unique index: try
  // again (on PostgreSQL two creations run side by side and both may pick the same slug; the
  // second insert waits for the first to commit, then fails, and the retry sees it taken).
  for (let tries = 0; ; tries++) {
    try {
      return await db.$transaction(async (tx) => {
        const base = slugify(title, term);
        const taken = new Set((await tx.course.findMany({ where: { slug: { startsWith: base || "course" } }, select: { slug: true } })).map((c) => c.slug));
        const course = await tx.course.create({
          data: { title, term, slug: uniqueSlug(base, taken), joinCode: generateJoinCode(), clonedFromId: cloneFrom, enrollments: { create: { userId: user.id, role: INSTRUCTOR } } },
        });
        const tasks = cloneFrom ? await copyTasks(tx, cloneFrom, course.id) : await addBlankTasks(tx, course.id);
        return { ok: true as const, courseId: course.id, tasks };
      });
    } catch (err) {
      if (tries >= 3 || !isUniqueViolation(err)) throw err;
    }
  }
}
