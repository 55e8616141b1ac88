import Link from "next/link";
import { getDictionary } from "@/i18n/locale";
import { db } from "@/server/db";
import { instructorCourse, requireInstructor } from "@/server/instructor/access";

export const dynamic = "force-dynamic";

export default async function InstructorHome() {
  const { locale, t } = await getDictionary();
  const user = await requireInstructor();
  if (!user) return <p role="alert">{t.instructor.forbidden}</p>;
  const course = await instructorCourse(user);
  if (!course) return <p>{t.instructor.noData}</p>;
  const tasks = await db.task.findMany({
    where: { courseId: course.id },
    orderBy: { position: "asc" },
    include: { submissions: { select: { status: true, results: { where: { current: true }, select: { passed: true } } } } },
  });
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-2xl font-semibold">{t.instructor.title}: {course.title}</h1>
        <span className="text-sm">{t.instructor.joinCode}: <code className="rounded bg-slate-100 px-1" data-testid="join-code">{course.joinCode}</code></span>
        <Link href="/instructor/gradebook" className="ml-auto text-indigo-700 underline">{t.instructor.gradebook}</Link>
      </div>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
        <thead className="bg-slate-100">
          <tr>
            <th className="px-3 py-2">{t.tasks.task}</th>
            <th className="px-3 py-2">{t.instructor.submissions}</th>
            <th className="px-3 py-2">{t.instructor.graded}</th>
            <th className="px-3 py-2">{t.instructor.passRate}</th>
            <th className="px-3 py-2">{t.tasks.due}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => {
            const graded = task.submissions.filter((s) => s.status === "graded");
            const passed = graded.filter((s) => s.results[0]?.passed).length;
            return (
              <tr key={task.id} className="border-t border-slate-200">
                <td className="px-3 py-2">
                  <Link href={`/instructor/tasks/${task.slug}`} className="font-medium text-indigo-700 hover:underline">{locale === "en" ? task.titleEn : task.titlePt}</Link>
                </td>
                <td className="px-3 py-2">{task.submissions.length}</td>
                <td className="px-3 py-2">{graded.length}</td>
                <td className="px-3 py-2">{graded.length ? `${Math.round((100 * passed) / graded.length)}%` : "—"}</td>
                <td className="px-3 py-2">{task.dueAt ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(task.dueAt) : t.tasks.noDeadline}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
