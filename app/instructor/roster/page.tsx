import Link from "next/link";
import { RosterImport } from "@/components/roster-import";
import { RosterTable } from "@/components/roster-table";
import { getDictionary } from "@/i18n/locale";
import { instructorCourse, requireInstructor } from "@/server/instructor/access";
import { MAX_ROSTER_ROWS } from "@/server/roster/parse";
import { MAX_ROSTER_BYTES } from "@/server/roster/preview";
import { courseRoster } from "@/server/roster/roster-list";

export const dynamic = "force-dynamic";

export default async function RosterPage() {
  const { locale, t } = await getDictionary();
  const user = await requireInstructor();
  if (!user) return <p role="alert">{t.instructor.forbidden}</p>;
  const course = await instructorCourse(user);
  if (!course) return <p>{t.instructor.noData}</p>;
  const roster = await courseRoster(course.id);
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold">{t.roster.title}: {course.title}</h1>
        <Link href="/instructor" className="ml-auto text-sm underline">{t.instructor.title}</Link>
      </div>
      <RosterImport locale={locale} maxRows={MAX_ROSTER_ROWS} maxKb={MAX_ROSTER_BYTES / 1024} />
      <h2 className="text-lg font-semibold">{t.roster.students}</h2>
      <RosterTable
        locale={locale}
        rows={roster.map((r) => ({ ...r, account: r.account.state === "pending" ? { state: "pending", expiresAt: r.account.expiresAt.toISOString() } : r.account }))}
      />
    </section>
  );
}
