import Link from "next/link";
import { redirect } from "next/navigation";
import { JoinCourseForm } from "@/components/join-course-form";
import { getDictionary } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { courseLabel } from "@/server/courses/course-label";
import { coursesForUser, taskPath } from "@/server/courses/task-list";

export const dynamic = "force-dynamic";

/** Every course of the user's with its own tasks (a slug repeats across courses: each links into its course). */
export default async function TasksPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { locale, t } = await getDictionary();
  const courses = await coursesForUser(user);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t.tasks.title}</h1>
      {courses.length === 0 && <p>{t.courses.empty}</p>}
      {courses.map(({ course, tasks }) => (
        <section key={course.id} id={`course-${course.id}`} aria-labelledby={`course-title-${course.id}`} className="space-y-2" data-testid="course-tasks">
          <h2 id={`course-title-${course.id}`} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
            {courseLabel(course)}
            {course.archived && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-normal text-amber-900">{t.courses.archivedBadge}</span>}
            {course.role === "instructor" && <span className="rounded bg-indigo-100 px-1.5 py-0.5 text-xs font-normal text-indigo-900">{t.courses.staffRole}</span>}
          </h2>
          {course.archived && <p className="text-sm text-slate-600">{t.courses.archivedStudent}</p>}
          {tasks.length === 0 ? (
            <p>{t.courses.noTasks}</p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="w-full text-left text-sm">
                <thead className="bg-slate-100">
                  <tr>
                    <th className="px-4 py-2">{t.tasks.task}</th>
                    <th className="px-4 py-2">{t.tasks.status}</th>
                    <th className="px-4 py-2">{t.tasks.best}</th>
                    <th className="px-4 py-2">{t.tasks.due}</th>
                  </tr>
                </thead>
                <tbody>
                  {tasks.map((task) => {
                    const status = task.pending ? t.tasks[task.pending] : task.passed ? t.tasks.passed : task.submissions ? t.tasks.tried : t.tasks.notStarted;
                    return (
                      <tr key={task.id} className="border-t border-slate-200">
                        <td className="px-4 py-2">
                          <Link href={taskPath(task)} className="font-medium text-indigo-700 hover:underline">
                            {locale === "en" ? task.titleEn : task.titlePt}
                          </Link>
                        </td>
                        <td className="px-4 py-2">{status}</td>
                        <td className="px-4 py-2">{task.bestScore != null ? `${task.bestScore} / ${task.maxScore}` : "—"}</td>
                        <td className="px-4 py-2">{task.dueAt ? date.format(new Date(task.dueAt)) : t.tasks.noDeadline}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
      {user.role === "student" && <JoinCourseForm locale={locale} />}
    </section>
  );
}
