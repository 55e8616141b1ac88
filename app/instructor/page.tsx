import Link from "next/link";
import { ArchivedBanner, NoCourse } from "@/components/course-banner";
import { getDictionary } from "@/i18n/locale";
import { courseLabel } from "@/server/courses/course-label";
import { instructorContext } from "@/server/instructor/access";
import { courseSummary } from "@/server/instructor/course-summary";

export const dynamic = "force-dynamic";

export default async function InstructorHome() {
  const { locale, t } = await getDictionary();
  const context = await instructorContext();
  if (!context) return <p role="alert">{t.instructor.forbidden}</p>;
  const { course } = context;
  if (!course) return <NoCourse locale={locale} />;
  const { tasks, overall } = await courseSummary(course.id);
  const percent = (p: { passed: number; students: number }) => (p.students ? `${Math.round((100 * p.passed) / p.students)}%` : "—");
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 className="text-2xl font-semibold">{t.instructor.title}: {courseLabel(course)}</h1>
        <span className="text-sm">{t.instructor.joinCode}: <code className="rounded bg-slate-100 px-1" data-testid="join-code">{course.joinCode}</code></span>
        <span className="ml-auto flex flex-wrap gap-x-4 gap-y-1">
          <Link href="/instructor/roster" className="text-indigo-700 underline">{t.roster.nav}</Link>
          <Link href="/instructor/gradebook" className="text-indigo-700 underline">{t.instructor.gradebook}</Link>
          <Link href="/instructor/course" className="text-indigo-700 underline">{t.courses.settings}</Link>
        </span>
      </div>
      <ArchivedBanner locale={locale} course={course} />
      {overall.students === 0
        ? <p className="text-slate-600" data-testid="no-students">{t.instructor.noStudents({ code: course.joinCode })}</p>
        : <p data-testid="overall-pass">{t.instructor.overallPass({ ...overall, percent: percent(overall) })}</p>}
      <div className="overflow-x-auto">
        <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
          <thead className="bg-slate-100">
            <tr>
              <th className="px-3 py-2">{t.tasks.task}</th>
              <th className="px-3 py-2">{t.instructor.submissions}</th>
              <th className="px-3 py-2">{t.instructor.graded}</th>
              <th className="px-3 py-2" title={t.instructor.passRateHelp}>{t.instructor.passRate}</th>
              <th className="px-3 py-2">{t.tasks.due}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id} className="border-t border-slate-200 align-top">
                <td className="px-3 py-2">
                  <Link href={`/instructor/tasks/${task.slug}`} className="font-medium text-indigo-700 hover:underline">{locale === "en" ? task.titleEn : task.titlePt}</Link>
                </td>
                <td className="px-3 py-2">{task.submissions}</td>
                <td className="px-3 py-2">{task.graded}</td>
                <td className="px-3 py-2" data-testid={`pass-${task.slug}`}>
                  {task.passRate.students ? <><b>{percent(task.passRate)}</b> <span className="whitespace-nowrap text-slate-600">{t.instructor.passRateOf(task.passRate)}</span></> : "—"}
                </td>
                <td className="px-3 py-2">{task.dueAt ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(task.dueAt) : t.tasks.noDeadline}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-600">{t.instructor.passRateHelp}</p>
    </section>
  );
}
