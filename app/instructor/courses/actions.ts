"use server";
/**
 * Course actions for instructors: switching the current course, creating (or cloning) a
 * course, and, on the current course, its join code, archive state and instructors. Each
 * checks the session and the course again: never trust the page. Actions on the current course
 * carry the course the form was shown for, and are refused when it is no longer current (a
 * switch in another tab), rather than applied to another course.
 */
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { setCourseArchived } from "@/server/courses/archive";
import { createCourse } from "@/server/courses/create-course";
import { currentCourseCookie } from "@/server/courses/current-course";
import { regenerateJoinCode } from "@/server/courses/join-codes";
import { isCourseStaff } from "@/server/courses/membership";
import { addCoInstructor, removeCoInstructor } from "@/server/courses/staff";
import { instructorContext, requireInstructor } from "@/server/instructor/access";

export type CourseActionState = { ok: boolean; message: string; fields?: string[]; name?: string } | null;

const id = z.string().min(1).max(100);
/** Where a switch may lead: an instructor page of this site, nothing else. */
const instructorPath = z.string().max(300).regex(/^\/instructor(\/[A-Za-z0-9_\-/]*)?$/);

/** Makes a course the instructor is staff of the current one, then shows `next` (the overview by default). */
export async function switchCourse(form: FormData): Promise<void> {
  const user = await requireInstructor();
  const courseId = id.safeParse(form.get("courseId"));
  if (!user || !courseId.success || !(await isCourseStaff(user, courseId.data))) redirect("/instructor");
  const cookie = currentCourseCookie(courseId.data);
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
  const next = instructorPath.safeParse(form.get("next"));
  redirect(next.success ? next.data : "/instructor");
}

/** A new course, blank or cloned from one of the instructor's; it becomes the current course. */
export async function createCourseAction(_prev: CourseActionState, form: FormData): Promise<CourseActionState> {
  const user = await requireInstructor();
  if (!user) return { ok: false, message: "forbidden" };
  const result = await createCourse(user, { title: form.get("title") ?? "", term: form.get("term") ?? "", cloneFrom: form.get("cloneFrom") ?? "" });
  if (!result.ok) return { ok: false, message: result.error, fields: "fields" in result ? result.fields : undefined };
  const cookie = currentCourseCookie(result.courseId);
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
  redirect("/instructor/course");
}

/** The current course, when it is still the one the form was shown for. */
async function formCourse(form: FormData) {
  const context = await instructorContext();
  if (!context?.course) return { error: "forbidden" as const };
  if (form.get("courseId") !== context.course.id) return { error: "courseChanged" as const };
  return { user: context.user, course: context.course };
}

export async function setArchivedAction(_prev: CourseActionState, form: FormData): Promise<CourseActionState> {
  const c = await formCourse(form);
  if ("error" in c) return { ok: false, message: c.error! };
  const result = await setCourseArchived(c.user, c.course.id, form.get("archived") === "1");
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/instructor", "layout");
  revalidatePath("/tasks");
  return { ok: true, message: "saved" };
}

export async function regenerateJoinCodeAction(_prev: CourseActionState, form: FormData): Promise<CourseActionState> {
  const c = await formCourse(form);
  if ("error" in c) return { ok: false, message: c.error! };
  const result = await regenerateJoinCode(c.user, c.course.id);
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/instructor", "layout");
  return { ok: true, message: "regenerated" };
}

export async function addCoInstructorAction(_prev: CourseActionState, form: FormData): Promise<CourseActionState> {
  const c = await formCourse(form);
  if ("error" in c) return { ok: false, message: c.error! };
  const result = await addCoInstructor(c.user, c.course.id, form.get("email") ?? "");
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/instructor/course");
  return { ok: true, message: "added", name: result.name };
}

export async function removeCoInstructorAction(_prev: CourseActionState, form: FormData): Promise<CourseActionState> {
  const c = await formCourse(form);
  if ("error" in c) return { ok: false, message: c.error! };
  const userId = id.safeParse(form.get("userId"));
  if (!userId.success) return { ok: false, message: "notStaff" };
  const result = await removeCoInstructor(c.user, c.course.id, userId.data);
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/instructor", "layout");
  return { ok: true, message: "removed" };
}
