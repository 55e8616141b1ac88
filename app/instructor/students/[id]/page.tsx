import { SubmissionTable } from "@/components/submission-table";
import { notFound } from "next/navigation";
import { getDictionary } from "@/i18n/locale";
import { instructorCourse, requireInstructor } from "@/server/instructor/access";
import { studentSubmissions } from "@/server/instructor/overview";

export const dynamic = "force-dynamic";

export default async function StudentPage({ params }: { params: Promise<{ id: string }> }) {
  const { locale, t } = await getDictionary();
  const user = await requireInstructor();
  if (!user) return <p role="alert">{t.instructor.forbidden}</p>;
  const course = await instructorCourse(user);
  const data = course ? await studentSubmissions(course.id, (await params).id) : null;
  if (!data) notFound();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{data.user.name} <span className="text-base font-normal text-slate-600">{data.user.email}</span></h1>
      <h2 className="font-semibold">{t.instructor.allSubmissions}</h2>
      <SubmissionTable locale={locale} rows={data.rows} lead={[{ heading: t.tasks.task, cell: (r) => r.task }]} />
    </section>
  );
}
