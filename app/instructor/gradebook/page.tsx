import Link from "next/link";
import { ArchivedBanner, NoCourse } from "@/components/course-banner";
import { getDictionary } from "@/i18n/locale";
import { courseLabel } from "@/server/courses/course-label";
import { instructorContext } from "@/server/instructor/access";
import { gradebook } from "@/server/instructor/gradebook";

export const dynamic = "force-dynamic";

export default async function GradebookPage() {
  const { locale, t } = await getDictionary();
  const context = await instructorContext();
  if (!context) return <p role="alert">{t.instructor.forbidden}</p>;
  const { course } = context;
  if (!course) return <NoCourse locale={locale} />;
  const csv = (format: string) => `/api/instructor/gradebook?${new URLSearchParams({ ...(format ? { format } : {}), course: course.id })}`;
  const book = await gradebook(course.id);
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 className="text-2xl font-semibold">{t.instructor.gradebook} <span className="text-lg font-normal text-slate-600">{courseLabel(course)}</span></h1>
        <div className="ml-auto flex flex-wrap gap-2">
          <a href={csv("br")} className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white" download>{t.instructor.exportCsvBr}</a>
          <a href={csv("")} className="rounded border border-indigo-600 px-3 py-1.5 text-sm text-indigo-700" download>{t.instructor.exportCsv}</a>
        </div>
      </div>
      <ArchivedBanner locale={locale} course={course} />
      <p className="text-xs text-slate-600">{t.instructor.exportCsvHelp}</p>
      {book.rows.length === 0 ? <p className="text-slate-600" data-testid="no-students">{t.instructor.noStudents({ code: course.joinCode })}</p> : (
      <div className="overflow-x-auto">
        <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="gradebook">
          <thead className="bg-slate-100">
            <tr>
              <th className="px-3 py-2">{t.instructor.student}</th>
              {book.tasks.map((task) => <th key={task.id} className="px-3 py-2">{locale === "en" ? task.titleEn : task.titlePt}</th>)}
              <th className="px-3 py-2">{t.instructor.total}</th>
            </tr>
          </thead>
          <tbody>
            {book.rows.map((r) => (
              <tr key={r.student.id} className="border-t border-slate-200">
                <td className="px-3 py-2"><Link href={`/instructor/students/${r.student.id}`} className="text-indigo-700 hover:underline">{r.student.name}</Link></td>
                {book.tasks.map((task) => {
                  const g = r.grades[task.slug];
                  return (
                    <td key={task.id} className="px-3 py-2" data-testid={`grade-${r.student.email}-${task.slug}`}>
                      {g ? <Link href={`/submissions/${g.submissionId}`} className="hover:underline">{g.points}{g.late ? ` (${t.instructor.late})` : ""}</Link> : "—"}
                    </td>
                  );
                })}
                <td className="px-3 py-2 font-medium" data-testid={`total-${r.student.email}`}>{r.total} / {book.maxTotal}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      )}
    </section>
  );
}
