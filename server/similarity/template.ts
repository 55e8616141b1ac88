/**
 * Template code: what the report ignores for a task, so shared boilerplate does not raise
 * scores. Always the task's starter (exercises/<slug>/starter.ts); and whatever the
 * instructor marks on the report's page (code given in class, a helper handed out), stored
 * per task.
 */
import { z } from "zod";
import { starterOf } from "../courses/exercise-files";
import { db } from "../db";

export const MAX_TEMPLATE_CHARS = 100_000;
export const templateInput = z.string().max(MAX_TEMPLATE_CHARS);

export async function instructorTemplate(taskId: string): Promise<string> {
  return (await db.similarityTemplate.findUnique({ where: { taskId } }))?.code ?? "";
}

/** Saves the instructor's template code (empty clears it); a changed template makes the report stale. */
export async function saveInstructorTemplate(taskId: string, byUserId: string, code: unknown): Promise<{ ok: true } | { ok: false; error: "tooLong" | "invalid" }> {
  const parsed = templateInput.safeParse(code);
  if (!parsed.success) return { ok: false, error: typeof code === "string" ? "tooLong" : "invalid" };
  // Line endings as the browser's textarea sends them (CRLF) must not change the digest.
  const text = parsed.data.replace(/\r\n?/g, "\n");
  if (!text.trim()) {
    await db.similarityTemplate.deleteMany({ where: { taskId } });
    return { ok: true };
  }
  await db.similarityTemplate.upsert({ where: { taskId }, create: { taskId, code: text, updatedById: byUserId }, update: { code: text, updatedById: byUserId } });
  return { ok: true };
}

/** Everything the report ignores for the task: the starter, then the instructor's template. */
export async function ignoredCode(task: { id: string; slug: string }): Promise<string> {
  const own = await instructorTemplate(task.id);
  return own ? `${starterOf(task.slug)}\n${own}\n` : starterOf(task.slug);
}
