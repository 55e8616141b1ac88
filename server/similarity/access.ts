/**
 * Who may see a task's similarity report: an instructor of the task, and nobody else. Pages,
 * routes and actions answer "not found" to anyone this refuses (a student learns nothing, not
 * even that the page exists). The task is found by `instructorTask` alone, so the rule for
 * which instructor holds which task lives in one place (server/instructor/access.ts).
 */
import { currentUser, type SessionUser } from "../auth";
import { instructorTask } from "../instructor/access";

export type SimilarityTask = NonNullable<Awaited<ReturnType<typeof instructorTask>>>;

export async function similarityTaskFor(user: SessionUser | null, slug: string): Promise<SimilarityTask | null> {
  if (!user || user.role !== "instructor") return null;
  return instructorTask(user, slug);
}

/** The signed-in instructor and the task, or null: checked on the server at every call. */
export async function similarityAccess(slug: string): Promise<{ user: SessionUser; task: SimilarityTask } | null> {
  const user = await currentUser();
  const task = await similarityTaskFor(user, slug);
  return user && task ? { user, task } : null;
}
