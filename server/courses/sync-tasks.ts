/**
 * Tasks come from `exercises/`: at start every folder with a spec becomes (or stays) a task
 * of each course, its titles and spec data refreshed. The instructor's rules on a task are
 * left alone. An archived course is read-only: its tasks are refreshed, it gains no new one.
 */
import { loadTask, taskSlugs } from "../../grader";
import { db, Prisma } from "../db";

export async function syncTasks(): Promise<string[]> {
  const slugs = taskSlugs();
  const courses = await db.course.findMany();
  for (const slug of slugs) {
    const spec = await loadTask(slug);
    if (!spec) continue;
    const position = spec.order;
    // What the web app needs of the spec, so it never has to load exercise code itself.
    const fromSpec = {
      checkRules: spec.rules.full as unknown as Prisma.InputJsonValue,
      taskMaxEpochs: spec.budget.full.maxEpochs,
      taskRuns: spec.runs.full,
      calibrated: spec.calibrated as unknown as Prisma.InputJsonValue,
    };
    for (const course of courses) {
      if (course.archivedAt) {
        await db.task.updateMany({ where: { courseId: course.id, slug }, data: { titlePt: spec.title["pt-BR"], titleEn: spec.title.en, position, ...fromSpec } });
        continue;
      }
      await db.task.upsert({
        where: { courseId_slug: { courseId: course.id, slug } },
        create: { courseId: course.id, slug, titlePt: spec.title["pt-BR"], titleEn: spec.title.en, position, ...fromSpec },
        update: { titlePt: spec.title["pt-BR"], titleEn: spec.title.en, position, ...fromSpec },
      });
    }
  }
  return slugs;
}
