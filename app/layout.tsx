import type { Metadata } from "next";
import Link from "next/link";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import { getDictionary } from "@/i18n/locale";
import { CourseSwitcher } from "@/components/course-switcher";
import { currentUser } from "@/server/auth";
import { switchableCourses } from "@/server/courses/current-course";
import { instructorContext } from "@/server/instructor/access";
import { setLocale } from "./actions";
import "./globals.css";

export const metadata: Metadata = { title: "Treino", description: "Exercícios de redes recorrentes corrigidos automaticamente" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale, t } = await getDictionary();
  const user = await currentUser();
  const other = locale === "pt-BR" ? "en" : "pt-BR";
  // Instructors switch between the courses they are staff of from any page.
  const instructor = user?.role === "instructor" ? await instructorContext() : null;
  const switchable = instructor?.course ? await switchableCourses(instructor.user.id) : null;
  return (
    <html lang={locale} className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white">
          <nav className="relative mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3" aria-label="Treino">
            <Link href="/" className="text-lg font-semibold text-indigo-700">{t.appName}</Link>
            {user && <Link href="/tasks" className="hover:underline">{t.nav.tasks}</Link>}
            {user?.role === "instructor" && <Link href="/instructor" className="hover:underline">{t.instructor.nav}</Link>}
            {instructor?.course && switchable && <CourseSwitcher locale={locale} current={{ id: instructor.course.id, title: instructor.course.title, term: instructor.course.term }} active={switchable.active} archived={switchable.archived} />}
            <div className="ml-auto flex items-center gap-4">
              <form action={setLocale}>
                <input type="hidden" name="locale" value={other} />
                <button type="submit" className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" aria-label={`${t.nav.language}: ${t.nav.switchTo}`}>
                  {t.nav.switchTo}
                </button>
              </form>
              {user && (
                <>
                  <Link href="/profile" className="text-sm text-slate-600 hover:underline" data-testid="user-name">{user.name}</Link>
                  <Link href="/sair" className="text-sm hover:underline">{t.nav.signOut}</Link>
                </>
              )}
            </div>
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
