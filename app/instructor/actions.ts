"use server";
/**
 * Instructor actions on the current course's tasks and submissions. Each checks the session's
 * role and the course again: never trust the page. Forms name their task by id, so a course
 * switched in another tab refuses the action instead of changing another course's task.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isCourseArchived } from "@/server/courses/archive";
import { isCourseStaff } from "@/server/courses/membership";
import { db } from "@/server/db";
import { instructorContext, taskInCurrentCourse } from "@/server/instructor/access";
import { gradeChanges } from "@/server/instructor/recount-grades";
import { regradeSubmission, regradeTask } from "@/server/instructor/regrade";
import { updateTaskSettings, type SettingsError } from "@/server/instructor/task-settings";
import { countingRulesChanged } from "@/server/rules/recount";

/** A grade before and after new rules, as the settings form lists it. */
export interface ChangedGrade {
  name: string;
  before: { points: number; late: boolean } | null;
  after: { points: number; late: boolean } | null;
}

export type ActionState = {
  ok: boolean;
  message: string;
  fields?: string[];
  /** Refused settings: why, per input name. */
  errors?: Record<string, SettingsError>;
  /** Saved settings that moved dates, late credit or policy: the counting grades that changed. */
  recount?: ChangedGrade[];
} | null;

const taskId = z.string().min(1).max(100);

/** The task the form names, in the instructor's current course; or why the action is refused. */
async function formTask(form: FormData) {
  const context = await instructorContext();
  const id = taskId.safeParse(form.get("taskId"));
  if (!context?.course || !id.success) return { ok: false as const, error: "forbidden" as const };
  const found = await taskInCurrentCourse(context.user, context.course, id.data);
  return found.ok ? found : { ok: false as const, error: found.error === "courseChanged" ? ("courseChanged" as const) : ("forbidden" as const) };
}

function record(form: FormData, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k.startsWith(prefix) && typeof v === "string") out[k.slice(prefix.length)] = v;
  return out;
}

export async function saveTaskSettings(_prev: ActionState, form: FormData): Promise<ActionState> {
  const found = await formTask(form);
  if (!found.ok) return { ok: false, message: found.error };
  const { task } = found;
  const before = { opensAt: task.opensAt, dueAt: task.dueAt, lateUntil: task.lateUntil, lateCredit: task.lateCredit, policy: task.policy };
  const result = await updateTaskSettings(task.id, {
    opensAt: form.get("opensAt") ?? "",
    dueAt: form.get("dueAt") ?? "",
    lateUntil: form.get("lateUntil") ?? "",
    lateCreditPercent: form.get("lateCreditPercent") ?? "100",
    maxPerDay: form.get("maxPerDay") ?? "",
    policy: form.get("policy"),
    leaderboardVisible: form.get("leaderboardVisible") === "on",
    maxEpochs: form.get("maxEpochs") ?? "",
    runs: form.get("runs") ?? "",
    points: record(form, "points."),
    thresholdsFull: record(form, "full."),
    thresholdsPartial: record(form, "partial."),
  });
  if (!result.ok) return "code" in result ? { ok: false, message: result.code } : { ok: false, message: "invalid", fields: result.fields, errors: result.errors };
  revalidatePath(`/instructor/tasks/${task.slug}`);
  revalidatePath("/instructor");
  revalidatePath("/instructor/gradebook");
  const after = await db.task.findUniqueOrThrow({ where: { id: task.id } });
  if (!countingRulesChanged(before, after)) return { ok: true, message: "saved" };
  // Counting grades are read from stored results under the current rules: saving has already
  // recounted them. Say whose grade moved.
  const strip = (g: { points: number; late: boolean } | null) => (g ? { points: g.points, late: g.late } : null);
  const changes = await gradeChanges(task.id, before, after);
  return { ok: true, message: "saved", recount: changes.map((c) => ({ name: c.name, before: strip(c.before), after: strip(c.after) })) };
}

export async function regradeAll(_prev: ActionState, form: FormData): Promise<ActionState> {
  const found = await formTask(form);
  if (!found.ok) return { ok: false, message: found.error };
  const { task } = found;
  if (task.course.archivedAt) return { ok: false, message: "course.archived" };
  const n = await regradeTask(task.id);
  revalidatePath(`/instructor/tasks/${task.slug}`);
  return { ok: true, message: String(n) };
}

/**
 * One submission's regrade, from its own page: allowed to any instructor of the submission's
 * course (the page shows it to them whichever course is current), refused on an archived one.
 */
export async function regradeOne(_prev: ActionState, form: FormData): Promise<ActionState> {
  const context = await instructorContext();
  const id = z.string().min(1).max(100).safeParse(form.get("submissionId"));
  const sub = id.success ? await db.submission.findUnique({ where: { id: id.data }, include: { task: true } }) : null;
  if (!context || !sub || !(await isCourseStaff(context.user, sub.task.courseId))) return { ok: false, message: "forbidden" };
  if (await isCourseArchived(sub.task.courseId)) return { ok: false, message: "course.archived" };
  const ok = await regradeSubmission(sub.id, { recordedSeed: form.get("recordedSeed") === "1" });
  revalidatePath(`/submissions/${sub.id}`);
  revalidatePath(`/instructor/tasks/${sub.task.slug}`);
  return { ok, message: ok ? "queued" : "busy" };
}
