/**
 * What a task's report compares: per student, the submission that counts (server/rules/
 * counting-grade.ts: best or last graded one within the task's dates, or the student's own
 * under an exception, as the gradebook counts it) — or, for one still
 * without a counting grade, their newest submission, so a copy is not hidden while it waits
 * in the queue or after it failed to grade — or, in the "all" mode, every submission of every
 * student (pairs of the same student are never compared). Instructors' own submissions are
 * left out.
 *
 * The signature is a digest of the inputs: the submissions chosen, the task's newest
 * submission, the ignored code and the engine. A stored result is fresh while the signature
 * it was computed from is today's: a new submission, a grade that changes which submission
 * counts, or a new template makes it stale.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { exceptionsInForce } from "../exceptions/in-force";
import { countingGrade } from "../rules/counting-grade";
import type { TaskDates } from "../rules/deadlines";
import { withException } from "../rules/exception-rules";
import { ignoredCode } from "./template";

export const MODES = ["counting", "all"] as const;
export type Mode = (typeof MODES)[number];
export const modeInput = z.enum(MODES).catch("counting");

/** Bump when the analysis itself changes (engine, options, score), so stored results go stale. */
export const ANALYSIS_VERSION = "dolos-3.5.1/occurrence-score/1";

export type InputTask = TaskDates & { id: string; slug: string; policy: string };

export interface ChosenSubmission {
  id: string;
  userId: string;
}

export async function chooseSubmissions(task: InputTask, mode: Mode): Promise<{ chosen: ChosenSubmission[]; newestId: string | null }> {
  const subs = await db.submission.findMany({
    where: { taskId: task.id, user: { role: "student" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, userId: true, createdAt: true, status: true, results: { where: { current: true }, select: { score: true, maxScore: true } } },
  });
  const newestId = subs.length ? subs.reduce((a, b) => (b.createdAt >= a.createdAt ? b : a)).id : null;
  if (mode === "all") return { chosen: subs.map(({ id, userId }) => ({ id, userId })), newestId };
  const exceptions = await exceptionsInForce(db, { taskId: task.id });
  const byStudent = new Map<string, typeof subs>();
  for (const s of subs) byStudent.set(s.userId, [...(byStudent.get(s.userId) ?? []), s]);
  const chosen: ChosenSubmission[] = [];
  for (const [userId, own] of byStudent) {
    const graded = own.filter((s) => s.status === "graded" && s.results[0]).map((s) => ({ id: s.id, createdAt: s.createdAt, score: s.results[0].score, maxScore: s.results[0].maxScore }));
    const counting = countingGrade(withException(task, exceptions.get(task.id, userId)), graded);
    chosen.push({ id: counting?.submissionId ?? own[own.length - 1].id, userId });
  }
  return { chosen, newestId };
}

export function signatureOf(parts: { mode: Mode; chosen: ChosenSubmission[]; newestId: string | null; ignored: string }): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([ANALYSIS_VERSION, parts.mode, parts.newestId, parts.chosen.map((c) => c.id).sort(), parts.ignored]));
  return hash.digest("hex");
}

/** Today's signature of the task's inputs under the mode (cheap: no code is read). */
export async function currentSignature(task: InputTask, mode: Mode): Promise<string> {
  const [{ chosen, newestId }, ignored] = await Promise.all([chooseSubmissions(task, mode), ignoredCode(task)]);
  return signatureOf({ mode, chosen, newestId, ignored });
}
