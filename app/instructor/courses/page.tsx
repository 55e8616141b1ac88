import { getDictionary } from "@/i18n/locale";
import { NewCourseForm } from "@/components/new-course-form";
import { courseLabel } from "@/server/courses/course-label";
import { staffCourseList } from "@/server/courses/course-list";
import { instructorContext } from "@/server/instructor/access";
import { switchCourse } from "./actions";

export const dynamic = "force-dynamic";

/** Every course the instructor is staff of (active first, archived after), and a new one, blank or cloned. */
export default async function CoursesPage() {
  const { locale, t } = await getDictionary();
  const context = await instructorContext();
  if (!context) return <p role="alert">{t.instructor.forbidden}</p>;
  const courses = await staffCourseList(context.user.id);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return (
    <section className="space-y-6">
      <h1 className="text-2xl font-semibold">{t.courses.listTitle}</h1>
      {courses.length === 0 ? <p>{t.courses.noCourse}</p> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="course-list">
            <thead className="bg-slate-100">
              <tr>
                <th className="px-3 py-2">{t.courses.titleField}</th>
                <th className="px-3 py-2">{t.courses.students}</th>
                <th className="px-3 py-2">{t.courses.status}</th>
                <th className="px-3 py-2"><span className="sr-only">{t.courses.open}</span></th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.id} className="border-t border-slate-200 align-top">
                  <td className="px-3 py-2">
                    <span className="font-medium">{courseLabel(c)}</span>
                    {c.id === context.course?.id && <span className="ml-1 text-xs text-slate-500">({t.courses.current})</span>}
                    {c.clonedFrom && <span className="block text-xs text-slate-600">{t.courses.cloneFrom}: {courseLabel(c.clonedFrom)}</span>}
                  </td>
                  <td className="px-3 py-2">{c.students}</td>
                  <td className="px-3 py-2">{c.archivedAt ? `${t.courses.archivedBadge} (${date.format(c.archivedAt)})` : t.courses.statusActive}</td>
                  <td className="px-3 py-2">
                    <form action={switchCourse}>
                      <input type="hidden" name="courseId" value={c.id} />
                      <input type="hidden" name="next" value="/instructor" />
                      <button type="submit" className="text-indigo-700 underline" aria-label={`${t.courses.open}: ${courseLabel(c)}`}>{t.courses.open}</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewCourseForm locale={locale} sources={courses.map((c) => ({ id: c.id, title: c.title, term: c.term, archived: c.archivedAt != null }))} />
    </section>
  );
}
