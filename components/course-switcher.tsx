"use client";
/**
 * The instructor's course switcher in the header: the current course, the other active ones,
 * and archived ones in their own part, out of the way. Choosing one makes it current on the
 * server (a cookie, checked on every request) and stays on the same kind of page.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef } from "react";
import { switchCourse } from "@/app/instructor/courses/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { courseLabel } from "@/server/courses/course-label";

type Course = { id: string; title: string; term: string };

/** Pages that exist in every course keep their path across a switch; any other lands on the overview. */
function samePageIn(pathname: string): string {
  return /^\/instructor(\/(gradebook|course|courses|tasks\/[a-z0-9-]+))?$/.test(pathname) ? pathname : "/instructor";
}

export function CourseSwitcher({ locale, current, active, archived }: { locale: Locale; current: Course; active: Course[]; archived: Course[] }) {
  const t = dictionary(locale).courses;
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  const item = (c: Course) => (
    <li key={c.id}>
      <form action={switchCourse} onSubmit={() => menu.current?.removeAttribute("open")}>
        <input type="hidden" name="courseId" value={c.id} />
        <input type="hidden" name="next" value={samePageIn(pathname)} />
        <button type="submit" aria-current={c.id === current.id ? "true" : undefined} className="w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 aria-[current=true]:font-semibold">
          {courseLabel(c)}
          {c.id === current.id && <span className="ml-1 text-xs font-normal text-slate-500">({t.current})</span>}
        </button>
      </form>
    </li>
  );
  return (
    <details ref={menu} className="group" data-testid="course-switcher">
      <summary className="flex max-w-[16rem] cursor-pointer list-none items-center gap-1 rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-50" aria-label={`${t.switcher}: ${courseLabel(current)}`}>
        <span className="truncate">{courseLabel(current)}</span>
        <span aria-hidden="true" className="text-slate-500 group-open:rotate-180">▾</span>
      </summary>
      {/* Placed against the header's row, not the button, so it never runs off a phone's screen. */}
      <div className="absolute left-4 right-4 z-20 mt-1 max-w-sm rounded-lg border border-slate-200 bg-white p-2 shadow-lg sm:left-auto sm:right-auto sm:w-80">
        <p className="px-2 pb-1 text-xs font-medium uppercase text-slate-500">{t.active}</p>
        <ul>{active.map(item)}</ul>
        {archived.length > 0 && (
          <>
            <p className="mt-2 border-t border-slate-200 px-2 pb-1 pt-2 text-xs font-medium uppercase text-slate-500">{t.archived}</p>
            <ul data-testid="archived-courses">{archived.map(item)}</ul>
          </>
        )}
        <div className="mt-2 border-t border-slate-200 pt-2">
          <Link href="/instructor/courses" onClick={() => menu.current?.removeAttribute("open")} className="block rounded px-2 py-1.5 text-sm text-indigo-700 hover:bg-slate-100">{t.manage}</Link>
        </div>
      </div>
    </details>
  );
}
