"use server";
/** Instructor actions. Each checks the session's role and the course again: never trust the page. */
import { revalidatePath } from "next/cache";
import { db } from "@/server/db";
import { instructorTask, requireInstructor } from "@/server/instructor/access";
import { regradeSubmission, regradeTask } from "@/server/instructor/regrade";
import { updateTaskSettings } from "@/server/instructor/task-settings";
import { canSee } from "@/server/submissions/read";

export type ActionState = { ok: boolean; message: string; fields?: string[] } | null;

function record(form: FormData, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k.startsWith(prefix) && typeof v === "string") out[k.slice(prefix.length)] = v;
  return out;
}

export async function saveTaskSettings(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireInstructor();
  const task = user ? await instructorTask(user, String(form.get("slug"))) : null;
  if (!task) return { ok: false, message: "forbidden" };
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
  revalidatePath(`/instructor/tasks/${task.slug}`);
  return result.ok ? { ok: true, message: "saved" } : { ok: false, message: "invalid", fields: result.fields };
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
  return { ok, message: ok ? "queued" : "busy" };
}
