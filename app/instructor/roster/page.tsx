import Link from "next/link";
import { ArchivedBanner, NoCourse } from "@/components/course-banner";
import { RosterImport } from "@/components/roster-import";
import { RosterTable } from "@/components/roster-table";
import { getDictionary } from "@/i18n/locale";
import { courseLabel } from "@/server/courses/course-label";
import { instructorContext } from "@/server/instructor/access";
import { MAX_ROSTER_ROWS } from "@/server/roster/parse";
import { MAX_ROSTER_BYTES } from "@/server/roster/preview";
import { courseRoster } from "@/server/roster/roster-list";

export const dynamic = "force-dynamic";

/** The current course's students and invitations; an archived course's, read-only (no import, no new links). */
export default async function RosterPage() {
  const { locale, t } = await getDictionary();
  const context = await instructorContext();
  if (!context) return <p role="alert">{t.instructor.forbidden}</p>;
  const { course } = context;
  if (!course) return <NoCourse locale={locale} />;
  const archived = course.archivedAt != null;
  const roster = await courseRoster(course.id);
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold">{t.roster.title}: {courseLabel(course)}</h1>
        <Link href="/instructor" className="ml-auto text-sm underline">{t.instructor.title}</Link>
      </div>
      <ArchivedBanner locale={locale} course={course} />
      {!archived && <RosterImport locale={locale} courseId={course.id} maxRows={MAX_ROSTER_ROWS} maxKb={MAX_ROSTER_BYTES / 1024} />}
      <h2 className="text-lg font-semibold">{t.roster.students}</h2>
      <RosterTable
        locale={locale}
        courseId={course.id}
        readOnly={archived}
        rows={roster.map((r) => ({ ...r, account: r.account.state === "pending" ? { state: "pending", expiresAt: r.account.expiresAt.toISOString() } : r.account }))}
      />
    </section>
  );
}
