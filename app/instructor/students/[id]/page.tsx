import Link from "next/link";
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
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{data.user.name} <span className="text-base font-normal text-slate-600">{data.user.email}</span></h1>
      <h2 className="font-semibold">{t.instructor.allSubmissions}</h2>
      <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm">
        <thead className="bg-slate-100">
          <tr><th className="px-3 py-2">{t.tasks.task}</th><th className="px-3 py-2">{t.task.attempt}</th><th className="px-3 py-2">{t.task.when}</th><th className="px-3 py-2">{t.tasks.status}</th><th className="px-3 py-2">{t.task.score}</th></tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-200">
              <td className="px-3 py-2">{r.task}</td>
              <td className="px-3 py-2"><Link href={`/submissions/${r.id}`} className="text-indigo-700 hover:underline">#{r.attempt}</Link></td>
              <td className="px-3 py-2">{date.format(new Date(r.createdAt))}</td>
              <td className="px-3 py-2">{t.status[r.status as keyof typeof t.status] ?? r.status}{r.failureKind ? ` · ${r.failureKind}` : ""}</td>
              <td className="px-3 py-2">{r.score != null ? `${r.score} / ${r.maxScore}` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
