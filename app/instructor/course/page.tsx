import { ArchivedBanner, NoCourse } from "@/components/course-banner";
import { CourseSettings } from "@/components/course-settings";
import { getDictionary } from "@/i18n/locale";
import { courseLabel } from "@/server/courses/course-label";
import { courseStaff } from "@/server/courses/staff";
import { instructorContext } from "@/server/instructor/access";

export const dynamic = "force-dynamic";

/** The current course's settings: join code, instructors, archiving. */
export default async function CourseSettingsPage() {
  const { locale, t } = await getDictionary();
  const context = await instructorContext();
  if (!context) return <p role="alert">{t.instructor.forbidden}</p>;
  const { course } = context;
  if (!course) return <NoCourse locale={locale} />;
  return (
    <section className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t.courses.settings}: {courseLabel(course)}</h1>
      <ArchivedBanner locale={locale} course={course} onSettings />
      <CourseSettings
        locale={locale}
        course={{ id: course.id, joinCode: course.joinCode, archived: course.archivedAt != null }}
        staff={await courseStaff(course.id)}
        me={context.user.id}
      />
    </section>
  );
}
