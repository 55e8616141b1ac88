"use server";
/**
 * Granting and revoking per-student exceptions, on the current course's tasks. The domain
 * functions check the instructor, the current course (from the request's cookies) and the
 * task's course again: a form shown for another course is refused as `courseChanged`.
 */
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { requireInstructor } from "@/server/instructor/access";
import { grantException, revokeException, type ExceptionFieldError } from "@/server/exceptions/grant";
import type { StudentGradeChange } from "@/server/exceptions/grade-change";

type Points = { points: number; late: boolean } | null;

export type ExceptionActionState = {
  ok: boolean;
  message: "granted" | "revoked" | "invalid" | "forbidden" | "courseChanged" | "course.archived";
  errors?: Partial<Record<string, ExceptionFieldError>>;
  /** The student's counting grade, when the grant or revoke moved it. */
  change?: { before: Points; after: Points } | null;
} | null;

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

const strip = (c: StudentGradeChange | null) => {
  const p = (g: StudentGradeChange["before"]) => (g ? { points: g.points, late: g.late } : null);
  return c ? { before: p(c.before), after: p(c.after) } : null;
};

export async function grantExceptionAction(_prev: ExceptionActionState, form: FormData): Promise<ExceptionActionState> {
  const user = await requireInstructor();
  if (!user) return { ok: false, message: "forbidden" };
  const result = await grantException(user, await cookies(), {
    taskId: text(form, "taskId"),
    userId: text(form, "userId"),
    dueAt: text(form, "dueAt"),
    lateUntil: text(form, "lateUntil"),
    extraAttempts: text(form, "extraAttempts"),
    lateCreditPercent: text(form, "lateCreditPercent"),
  });
  if (!result.ok) return result.error === "invalid" ? { ok: false, message: "invalid", errors: result.errors } : { ok: false, message: result.error };
  revalidatePath("/instructor", "layout");
  return { ok: true, message: "granted", change: strip(result.change) };
}

export async function revokeExceptionAction(_prev: ExceptionActionState, form: FormData): Promise<ExceptionActionState> {
  const user = await requireInstructor();
  if (!user) return { ok: false, message: "forbidden" };
  const result = await revokeException(user, await cookies(), text(form, "exceptionId"));
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath("/instructor", "layout");
  return { ok: true, message: "revoked", change: strip(result.change) };
}
