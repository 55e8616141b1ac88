import Link from "next/link";
import { redirect } from "next/navigation";
import { getDictionary } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { tasksForUser } from "@/server/courses/task-list";

export const dynamic = "force-dynamic";

export default async function TasksPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { locale, t } = await getDictionary();
  const tasks = await tasksForUser(user);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section>
      <h1 className="mb-4 text-2xl font-semibold">{t.tasks.title}</h1>
      {tasks.length === 0 ? (
        <p>{t.tasks.empty}</p>
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
                      <Link href={`/tasks/${task.slug}`} className="font-medium text-indigo-700 hover:underline">
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
  );
}
