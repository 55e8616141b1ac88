"use server";
/**
 * The similarity report's actions. Each checks the instructor and the task again: never trust
 * the page. Forms name their task by id: the current course's task only; a task of another of
 * the instructor's courses (switched in another tab) is refused as `courseChanged`, never
 * applied to the current course's task of the same slug. An archived course's report is
 * read-only: no template or flag is saved there.
 */
import { revalidatePath } from "next/cache";
import { archivedRefusal } from "@/server/courses/archive";
import { similarityFormAccess } from "@/server/similarity/access";
import { ensureAnalysis } from "@/server/similarity/analysis-jobs";
import { flagPair } from "@/server/similarity/flags";
import { modeInput } from "@/server/similarity/inputs";
import { saveInstructorTemplate } from "@/server/similarity/template";

export type SimilarityActionState = { ok: boolean; message: string } | null;

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

export async function saveTemplate(_prev: SimilarityActionState, form: FormData): Promise<SimilarityActionState> {
  const access = await similarityFormAccess(form.get("taskId"));
  if ("error" in access) return { ok: false, message: access.error };
  const archived = archivedRefusal(access.task.course);
  if (archived) return { ok: false, message: archived.code };
  const saved = await saveInstructorTemplate(access.task.id, access.user.id, text(form, "code") ?? "");
  if (!saved.ok) return { ok: false, message: saved.error };
  revalidatePath(`/instructor/tasks/${access.task.slug}/similarity`);
  return { ok: true, message: "saved" };
}

export async function saveFlag(_prev: SimilarityActionState, form: FormData): Promise<SimilarityActionState> {
  const access = await similarityFormAccess(form.get("taskId"));
  if ("error" in access) return { ok: false, message: access.error };
  const archived = archivedRefusal(access.task.course);
  if (archived) return { ok: false, message: archived.code };
  const result = await flagPair(access.task.id, access.user.id, { pairId: text(form, "pairId"), status: text(form, "status"), note: text(form, "note") ?? "" });
  if (!result.ok) return { ok: false, message: result.error };
  revalidatePath(`/instructor/tasks/${access.task.slug}/similarity`, "layout");
  return { ok: true, message: "saved" };
}

/** Asks again for a failed analysis: a computed report only, so an archived course may too. */
export async function retryAnalysis(_prev: SimilarityActionState, form: FormData): Promise<SimilarityActionState> {
  const access = await similarityFormAccess(form.get("taskId"));
  if ("error" in access) return { ok: false, message: access.error };
  await ensureAnalysis(access.task, modeInput.parse(text(form, "mode")), { retry: true });
  revalidatePath(`/instructor/tasks/${access.task.slug}/similarity`);
  return { ok: true, message: "queued" };
}
