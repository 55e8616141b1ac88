/** The notice instructor pages show on an archived course: read-only, and where to undo it. */
import Link from "next/link";
import { dictionary, type Locale } from "@/i18n/dictionary";

/** `onSettings`: shown on the settings page itself, which needs no link to itself. */
export function ArchivedBanner({ locale, course, onSettings = false }: { locale: Locale; course: { archivedAt: Date | null }; onSettings?: boolean }) {
  if (!course.archivedAt) return null;
  const t = dictionary(locale).courses;
  return (
    <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="archived-banner">
      {t.archivedNotice} {t.archivedOn({ at: course.archivedAt.toISOString() })}
      {!onSettings && <> <Link href="/instructor/course" className="text-indigo-700 underline">{t.settings}</Link></>}
    </p>
  );
}

/** What an instructor page shows to an instructor who is staff of no course yet. */
export function NoCourse({ locale }: { locale: Locale }) {
  const t = dictionary(locale).courses;
  return (
    <section className="space-y-2" data-testid="no-course">
      <p>{t.noCourse}</p>
      <Link href="/instructor/courses" className="text-indigo-700 underline">{t.noCourseLink}</Link>
    </section>
  );
}
