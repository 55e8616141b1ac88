/**
 * A new course's tasks. A blank course gets every task of `exercises/` with the rules at
 * their defaults; a clone gets the earlier course's tasks with every rule as it was (dates,
 * late credit, limits, policy, leaderboard visibility, epoch cap, overrides of points,
 * thresholds and runs). What a task knows of its spec (titles, checks, budgets, the reference's
 * curves) is copied from a task already synced from that spec: the web app never loads
 * exercise code, and every course's copy of a task is refreshed from the spec at start
 * (server/courses/sync-tasks.ts).
 */
import { db, Prisma } from "../db";
import { exerciseSlugs } from "./exercise-files";

type Tx = Prisma.TransactionClient;
type TaskRow = NonNullable<Awaited<ReturnType<typeof db.task.findFirst>>>;

/** The task's columns as a create input for another course: everything but its identity. */
function copyOf(task: TaskRow, courseId: string): Prisma.TaskUncheckedCreateInput {
  const { id: _id, courseId: _course, createdAt: _created, checkRules, overrides, calibrated, referenceCurves, ...columns } = task;
  // JSON columns hold SQL NULL as null when read, but must be written as DbNull.
  const json = (v: Prisma.JsonValue | null) => (v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));
  return { ...columns, courseId, checkRules: json(checkRules), overrides: json(overrides), calibrated: json(calibrated), referenceCurves: json(referenceCurves) };
}

/** Every task of `exercises/` with default rules, its spec's data taken from another course's copy. */
export async function addBlankTasks(tx: Tx, courseId: string): Promise<number> {
  let added = 0;
  for (const slug of exerciseSlugs()) {
    // A copy whose reference curves are known, when there is one (the worker computes them once per task).
    const template =
      (await tx.task.findFirst({ where: { slug, courseId: { not: courseId }, NOT: { referenceCurves: { equals: Prisma.DbNull } } }, orderBy: { createdAt: "desc" } })) ??
      (await tx.task.findFirst({ where: { slug, courseId: { not: courseId } }, orderBy: { createdAt: "desc" } }));
    // A task no course has yet is created for every course by the next start's sync.
    if (!template) continue;
    const { slug: s, titlePt, titleEn, position, checkRules, taskMaxEpochs, taskRuns, calibrated, referenceCurves } = template;
    const json = (v: Prisma.JsonValue | null) => (v === null ? Prisma.DbNull : (v as Prisma.InputJsonValue));
    await tx.task.create({
      data: { courseId, slug: s, titlePt, titleEn, position, taskMaxEpochs, taskRuns, checkRules: json(checkRules), calibrated: json(calibrated), referenceCurves: json(referenceCurves) },
    });
    added++;
  }
  return added;
}

/** The source course's tasks with all their rules; no submissions come along. */
export async function copyTasks(tx: Tx, fromCourseId: string, toCourseId: string): Promise<number> {
  const tasks = await tx.task.findMany({ where: { courseId: fromCourseId }, orderBy: { position: "asc" } });
  for (const task of tasks) await tx.task.create({ data: copyOf(task, toCourseId) });
  return tasks.length;
}
