/**
 * A task's rules as the instructor sets them: dates and late credit, the 24-hour limit, the
 * counting policy, leaderboard visibility, the training budget, and overrides of points and
 * thresholds (applied at the next grading or regrade, no code edited).
 */
import { z } from "zod";
import { MAX_RUNS } from "../../grader/phases/runs";
import type { CheckRule } from "../../grader/tasks/types";
import { archivedRefusal, type ArchivedRefusal } from "../courses/archive";
import { db, Prisma } from "../db";

export const optionalDate = z
  .union([z.literal(""), z.string().datetime({ offset: true }), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)])
  .transform((v) => (v === "" ? null : new Date(v)));
const optionalInt = z.union([z.literal(""), z.coerce.number().int().positive()]).transform((v) => (v === "" ? null : v));
const optionalNumber = z.union([z.literal(""), z.coerce.number().nonnegative()]).transform((v) => (v === "" ? undefined : v));

export const taskSettings = z
  .object({
    opensAt: optionalDate,
    dueAt: optionalDate,
    lateUntil: optionalDate,
    lateCreditPercent: z.coerce.number().min(0).max(100),
    maxPerDay: optionalInt,
    policy: z.enum(["best", "last"]),
    leaderboardVisible: z.boolean(),
    maxEpochs: optionalInt,
    /** Training runs (seeds) a grade is the median of: at least the task's, at most MAX_RUNS. */
    runs: z
      .union([z.literal(""), z.coerce.number().int().positive().max(MAX_RUNS)])
      .optional()
      .transform((v) => (v === "" || v === undefined ? null : v)),
    points: z.record(z.string(), optionalNumber).default({}),
    thresholdsFull: z.record(z.string(), optionalNumber).default({}),
    thresholdsPartial: z.record(z.string(), optionalNumber).default({}),
  })
  // The refinements' messages are error codes, which the form words in the reader's language.
  .refine((s) => !s.dueAt || !s.opensAt || s.dueAt > s.opensAt, { path: ["dueAt"], message: "dueBeforeOpen" })
  .refine((s) => !s.lateUntil || s.dueAt != null, { path: ["lateUntil"], message: "lateUntilNeedsDue" })
  .refine((s) => !s.lateUntil || !s.dueAt || s.lateUntil >= s.dueAt, { path: ["lateUntil"], message: "lateUntilBeforeDue" });

export type TaskSettingsInput = z.input<typeof taskSettings>;

/** Why a field was refused: a code the form words in the reader's language, with its figures. */
export interface SettingsError {
  code: "date" | "dueBeforeOpen" | "lateUntilNeedsDue" | "lateUntilBeforeDue" | "percent" | "positiveInt" | "maxEpochs" | "runs" | "number";
  params?: Record<string, number>;
}

/** Refused settings: each field (the form's input name, e.g. "lateUntil" or "points.mse") with why. */
export type SettingsRefusal = { ok: false; fields: string[]; errors: Record<string, SettingsError> };

/** The form's input name for a zod path: records of checks are named "points.<check>", "full.<check>", "partial.<check>". */
const RECORD_FIELDS: Record<string, string> = { points: "points", thresholdsFull: "full", thresholdsPartial: "partial" };

/** What each field asks for, when zod itself refused it (not one of the refinements, whose message is the code). */
function fieldCode(field: string): SettingsError["code"] {
  if (field === "opensAt" || field === "dueAt" || field === "lateUntil") return "date";
  if (field === "lateCreditPercent") return "percent";
  if (field === "maxEpochs") return "maxEpochs";
  if (field === "runs") return "runs";
  if (field === "maxPerDay") return "positiveInt";
  return "number";
}

export function settingsErrors(issues: z.core.$ZodIssue[], limits: { taskMaxEpochs: number; taskRuns: number }): SettingsRefusal {
  const errors: Record<string, SettingsError> = {};
  for (const issue of issues) {
    const [head, key] = issue.path.map(String);
    const field = RECORD_FIELDS[head] && key ? `${RECORD_FIELDS[head]}.${key}` : head;
    if (errors[field]) continue; // the first reason is enough
    const code = issue.code === "custom" ? (issue.message as SettingsError["code"]) : fieldCode(field);
    errors[field] = { code, ...paramsOf(code, limits) };
  }
  return { ok: false, fields: [...new Set(issues.map((i) => String(i.path[0])))], errors };
}

function paramsOf(code: SettingsError["code"], limits: { taskMaxEpochs: number; taskRuns: number }): Pick<SettingsError, "params"> {
  if (code === "maxEpochs") return { params: { max: limits.taskMaxEpochs } };
  if (code === "runs") return { params: { min: limits.taskRuns, max: MAX_RUNS } };
  return {};
}

export async function updateTaskSettings(taskId: string, input: unknown): Promise<{ ok: true } | SettingsRefusal | ({ ok: false } & ArchivedRefusal)> {
  const task = await db.task.findUniqueOrThrow({ where: { id: taskId }, include: { course: { select: { archivedAt: true } } } });
  // An archived course's rules are frozen with its grades.
  const archived = archivedRefusal(task.course);
  if (archived) return { ok: false, ...archived };
  const parsed = taskSettings.safeParse(input);
  if (!parsed.success) return settingsErrors(parsed.error.issues, task);
  const s = parsed.data;
  const known = new Set(Object.keys(checkRulesOf(task)));
  const refuse = (field: "maxEpochs" | "runs"): SettingsRefusal => ({ ok: false, fields: [field], errors: { [field]: { code: field, ...paramsOf(field, task) } } });
  if (s.maxEpochs != null && s.maxEpochs > task.taskMaxEpochs) return refuse("maxEpochs");
  if (s.runs != null && s.runs < task.taskRuns) return refuse("runs");
  const defined = <T>(r: Record<string, T | undefined>) => Object.fromEntries(Object.entries(r).filter(([k, v]) => v !== undefined && known.has(k))) as Record<string, T>;
  const thresholds: Record<string, { full?: number; partial?: number }> = {};
  for (const [id, v] of Object.entries(defined(s.thresholdsFull))) thresholds[id] = { ...thresholds[id], full: v };
  for (const [id, v] of Object.entries(defined(s.thresholdsPartial))) thresholds[id] = { ...thresholds[id], partial: v };
  const overrides = { points: defined(s.points), thresholds, ...(s.runs != null ? { runs: s.runs } : {}) };
  const empty = Object.keys(overrides.points).length === 0 && Object.keys(thresholds).length === 0 && s.runs == null;
  await db.task.update({
    where: { id: taskId },
    data: {
      opensAt: s.opensAt,
      dueAt: s.dueAt,
      lateUntil: s.lateUntil,
      lateCredit: s.lateCreditPercent / 100,
      maxPerDay: s.maxPerDay,
      policy: s.policy,
      leaderboardVisible: s.leaderboardVisible,
      maxEpochs: s.maxEpochs,
      overrides: empty ? Prisma.DbNull : (overrides as Prisma.InputJsonValue),
    },
  });
  return { ok: true };
}

/** The task's checks with their default points and thresholds, as synced from its spec. */
export function checkRulesOf(task: { checkRules: unknown }): Record<string, CheckRule> {
  return (task.checkRules ?? {}) as Record<string, CheckRule>;
}
