"use server";
/** A student joins another course with its join code (from the task list or the profile). */
import { revalidatePath } from "next/cache";
import { currentUser } from "@/server/auth";
import { joinCourse } from "@/server/courses/join-course";

export type JoinState = { ok: true; courseId: string } | { ok: false; error: string } | null;

export async function joinCourseAction(_prev: JoinState, form: FormData): Promise<JoinState> {
  const user = await currentUser();
  if (!user) return { ok: false, error: "notStudent" };
  const result = await joinCourse(user, { joinCode: form.get("joinCode") ?? "" });
  if (!result.ok) return result;
  revalidatePath("/tasks");
  revalidatePath("/profile");
  return result;
}
