/**
 * Where an old `/tasks/<slug>` link (from before courses were part of task paths) leads: to
 * the task in the one course of the user's that has it, or, when several do, to a choice.
 */
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getDictionary } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { courseLabel } from "@/server/courses/course-label";
import { coursesWithTask, taskPath } from "@/server/courses/task-list";

export async function OldTaskLink({ slug, suffix }: { slug: string; suffix: "" | "/leaderboard" }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const courses = await coursesWithTask(user, slug);
  if (courses.length === 0) notFound();
  if (courses.length === 1) redirect(taskPath({ courseId: courses[0].id, slug }) + suffix);
  const { t } = await getDictionary();
  return (
    <section className="max-w-xl space-y-3">
      <h1 className="text-2xl font-semibold">{t.courses.chooseTitle}</h1>
      <p>{t.courses.chooseCourse}</p>
      <ul className="space-y-2" data-testid="choose-course">
        {courses.map((c) => (
          <li key={c.id}>
            <Link href={taskPath({ courseId: c.id, slug }) + suffix} className="font-medium text-indigo-700 hover:underline">{courseLabel(c)}</Link>
            {c.archivedAt && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t.courses.archivedBadge}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
