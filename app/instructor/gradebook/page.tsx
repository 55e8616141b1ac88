import { ArchivedBanner, NoCourse } from "@/components/course-banner";
import { getDictionary } from "@/i18n/locale";
import { courseLabel } from "@/server/courses/course-label";
import { instructorContext } from "@/server/instructor/access";
import { gradebook, type Gradebook } from "@/server/instructor/gradebook";

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
        {/* 300 students make 1,500 cells: padding is set once on the table, and the cells' links
            are plain anchors (a Link per cell costs a client component each in the page's
            payload, and prefetches every submission in view). bench/load.ts */}
        <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_th]:px-3 [&_th]:py-2" data-testid="gradebook">
          <thead className="bg-slate-100">
            <tr>
              <th>{t.instructor.student}</th>
              {book.tasks.map((task) => <th key={task.id}>{locale === "en" ? task.titleEn : task.titlePt}</th>)}
              <th>{t.instructor.total}</th>
            </tr>
          </thead>
          <tbody className="[&_a:hover]:underline">
            {slices(book.rows, ROWS_PER_SLICE).map((rows, i) => (
              <GradebookRows key={i} turns={i} rows={rows} tasks={book.tasks} maxTotal={book.maxTotal} lateLabel={t.instructor.late} />
            ))}
          </tbody>
        </table>
      </div>
      )}
    </section>
  );
}

/** Rows rendered between two turns of the event loop (about 10 ms of rendering on this machine). */
const ROWS_PER_SLICE = 50;

function slices<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * One slice of the gradebook's rows, rendered after `turns` turns of the event loop. A
 * 300-student course's table is one long render; in slices, the web process answers other
 * requests (students' pages, live feeds) between them instead of holding them all behind it
 * (bench/load.ts). The rows still arrive in order, in the same response.
 */
async function GradebookRows({ turns, rows, tasks, maxTotal, lateLabel }: { turns: number; rows: Gradebook["rows"]; tasks: Gradebook["tasks"]; maxTotal: number; lateLabel: string }) {
  for (let k = 0; k <= turns; k++) await new Promise((resolve) => setImmediate(resolve));
  return rows.map((r) => (
    <tr key={r.student.id} className="border-t border-slate-200">
      <td><a href={`/instructor/students/${r.student.id}`} className="text-indigo-700">{r.student.name}</a></td>
      {tasks.map((task) => {
        const g = r.grades[task.slug];
        return (
          <td key={task.slug} data-testid={`grade-${r.student.email}-${task.slug}`}>
            {g ? <a href={`/submissions/${g.submissionId}`}>{g.late ? `${g.points} (${lateLabel})` : g.points}</a> : "—"}
          </td>
        );
      })}
      <td className="font-medium" data-testid={`total-${r.student.email}`}>{`${r.total} / ${maxTotal}`}</td>
    </tr>
  ));
}
