/**
 * A task's rules as the instructor sets them: dates and late credit, the 24-hour limit, the
 * counting policy, leaderboard visibility, the training budget, and overrides of points and
 * thresholds (applied at the next grading or regrade, no code edited).
 */
import { z } from "zod";
import { MAX_RUNS } from "../../grader/phases/runs";
import type { CheckRule } from "../../grader/tasks/types";
import { db, Prisma } from "../db";

const optionalDate = z
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
  .refine((s) => !s.dueAt || !s.opensAt || s.dueAt > s.opensAt, { path: ["dueAt"], message: "due before it opens" })
  .refine((s) => !s.lateUntil || (s.dueAt != null && s.lateUntil >= s.dueAt), { path: ["lateUntil"], message: "late-until needs a due date before it" });

export type TaskSettingsInput = z.input<typeof taskSettings>;

export async function updateTaskSettings(taskId: string, input: unknown): Promise<{ ok: true } | { ok: false; fields: string[] }> {
  const parsed = taskSettings.safeParse(input);
  if (!parsed.success) return { ok: false, fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))] };
  const s = parsed.data;
  const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
  const known = new Set(Object.keys(checkRulesOf(task)));
  if (s.maxEpochs != null && s.maxEpochs > task.taskMaxEpochs) return { ok: false, fields: ["maxEpochs"] };
  if (s.runs != null && s.runs < task.taskRuns) return { ok: false, fields: ["runs"] };
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
