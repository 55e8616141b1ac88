"use server";
/** Instructor actions. Each checks the session's role and the course again: never trust the page. */
import { revalidatePath } from "next/cache";
import { db } from "@/server/db";
import { instructorTask, requireInstructor } from "@/server/instructor/access";
import { gradeChanges } from "@/server/instructor/recount-grades";
import { regradeSubmission, regradeTask } from "@/server/instructor/regrade";
import { updateTaskSettings, type SettingsError } from "@/server/instructor/task-settings";
import { countingRulesChanged } from "@/server/rules/recount";
import { canSee } from "@/server/submissions/read";

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

function record(form: FormData, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k.startsWith(prefix) && typeof v === "string") out[k.slice(prefix.length)] = v;
  return out;
}

export async function saveTaskSettings(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireInstructor();
  const task = user ? await instructorTask(user, String(form.get("slug"))) : null;
  if (!task) return { ok: false, message: "forbidden" };
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
  if (!result.ok) return { ok: false, message: "invalid", fields: result.fields, errors: result.errors };
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
  const user = await requireInstructor();
  const task = user ? await instructorTask(user, String(form.get("slug"))) : null;
  if (!task) return { ok: false, message: "forbidden" };
  const n = await regradeTask(task.id);
  revalidatePath(`/instructor/tasks/${task.slug}`);
  return { ok: true, message: String(n) };
}

export async function regradeOne(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireInstructor();
  const id = String(form.get("submissionId"));
  const sub = await db.submission.findUnique({ where: { id }, include: { task: true } });
  if (!user || !sub || !(await canSee(user, sub))) return { ok: false, message: "forbidden" };
  const ok = await regradeSubmission(id, { recordedSeed: form.get("recordedSeed") === "1" });
  revalidatePath(`/submissions/${id}`);
  revalidatePath(`/instructor/tasks/${sub.task.slug}`);
  return { ok, message: ok ? "queued" : "busy" };
}
