import Link from "next/link";
import { redirect } from "next/navigation";
import { JoinCourseForm } from "@/components/join-course-form";
import { ProfileForm } from "@/components/profile-form";
import { getDictionary } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { courseLabel } from "@/server/courses/course-label";
import { coursesForUser } from "@/server/courses/task-list";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

export default async function ProfilePage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { locale, t } = await getDictionary();
  const me = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { pseudonym: true } });
  const courses = await coursesForUser(user);
  return (
    <section className="max-w-md space-y-6">
      <h1 className="text-2xl font-semibold">{t.profile.title}</h1>
      <ProfileForm locale={locale} pseudonym={me.pseudonym ?? ""} />
      <section className="space-y-2" aria-labelledby="my-courses">
        <h2 id="my-courses" className="text-lg font-semibold">{t.courses.yourCourses}</h2>
        {courses.length === 0 ? <p>{t.courses.empty}</p> : (
          <ul className="list-disc pl-5" data-testid="my-courses">
            {courses.map(({ course }) => (
              <li key={course.id}>
                <Link href={`/tasks#course-${course.id}`} className="text-indigo-700 hover:underline">{courseLabel(course)}</Link>
                {course.archived && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t.courses.archivedBadge}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {user.role === "student" && <JoinCourseForm locale={locale} />}
    </section>
  );
}
