import Link from "next/link";
import { ExceptionForm } from "@/components/exception-form";
import { ExceptionTable } from "@/components/exception-table";
import { SubmissionTable } from "@/components/submission-table";
import { notFound } from "next/navigation";
import { getDictionary } from "@/i18n/locale";
import { instructorContext } from "@/server/instructor/access";
import { studentSubmissions } from "@/server/instructor/overview";
import { db } from "@/server/db";
import { exceptionsOfStudent } from "@/server/exceptions/list";

export const dynamic = "force-dynamic";

export default async function StudentPage({ params }: { params: Promise<{ id: string }> }) {
  const { locale, t } = await getDictionary();
  const context = await instructorContext();
  if (!context) return <p role="alert">{t.instructor.forbidden}</p>;
  const { course } = context;
  // A student of another course (even one of the instructor's others) is not found here.
  const data = course ? await studentSubmissions(course.id, (await params).id) : null;
  if (!data || !course) notFound();
  const archived = course.archivedAt != null;
  const [exceptions, tasks] = await Promise.all([
    exceptionsOfStudent(course.id, data.user.id),
    db.task.findMany({ where: { courseId: course.id }, orderBy: { position: "asc" }, select: { id: true, titlePt: true, titleEn: true, dueAt: true } }),
  ]);
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold">{data.user.name} <span className="text-base font-normal text-slate-600 break-all">{data.user.email}</span></h1>
        <Link href="/instructor/gradebook" className="ml-auto text-sm underline">{t.instructor.gradebook}</Link>
      </div>
      <h2 className="font-semibold">{t.instructor.allSubmissions}</h2>
      {data.rows.length === 0 ? <p className="text-slate-600" data-testid="student-nothing">{t.instructor.studentNothing}</p> : (
        <div className="overflow-x-auto">
          <SubmissionTable
            locale={locale}
            rows={data.rows}
            lead={[{ heading: t.tasks.task, cell: (r) => <Link href={`/instructor/tasks/${r.task.slug}`} className="hover:underline">{locale === "en" ? r.task.titleEn : r.task.titlePt}</Link> }]}
          />
        </div>
      )}
      <h2 className="font-semibold" id="exceptions">{t.exceptions.title}</h2>
      {/* An archived course is read-only: its exceptions listed, none granted or revoked. */}
      <ExceptionTable locale={locale} rows={exceptions} by="task" readOnly={archived} />
      {!archived && (
        <ExceptionForm
          locale={locale}
          userId={data.user.id}
          // Each task with its class deadline: what an extension would be later than.
          choices={tasks.map((task) => ({ id: task.id, label: t.exceptions.taskChoice({ title: locale === "en" ? task.titleEn : task.titlePt, at: task.dueAt?.toISOString() ?? null }) }))}
        />
      )}
    </section>
  );
}
