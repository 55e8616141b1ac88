/**
 * Tasks come from `exercises/`: at start every folder with a spec becomes (or stays) a task
 * of each course, its titles refreshed. The instructor's rules on a task are left alone.
 */
import { loadTask, taskSlugs } from "../../grader";
import { db } from "../db";

export async function syncTasks(): Promise<string[]> {
  const slugs = taskSlugs();
  const courses = await db.course.findMany();
  for (const slug of slugs) {
    const spec = await loadTask(slug);
    if (!spec) continue;
    const position = spec.order;
    for (const course of courses) {
      await db.task.upsert({
        where: { courseId_slug: { courseId: course.id, slug } },
        create: { courseId: course.id, slug, titlePt: spec.title["pt-BR"], titleEn: spec.title.en, position },
        update: { titlePt: spec.title["pt-BR"], titleEn: spec.title.en, position },
      });
    }
  }
  return slugs;
}
