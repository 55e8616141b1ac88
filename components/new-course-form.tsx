"use client";
/** A new course for a term: blank, or with the tasks and rules of one of the instructor's earlier courses. */
import { createCourseAction, type CourseActionState } from "@/app/instructor/courses/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { courseLabel } from "@/server/courses/course-label";
import { ActionForm } from "./action-form";

const input = "mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50";

export function NewCourseForm({ locale, sources, cloneFrom }: { locale: Locale; sources: { id: string; title: string; term: string; archived: boolean }[]; cloneFrom?: string }) {
  const t = dictionary(locale).courses;
  return (
    <ActionForm<CourseActionState>
      action={createCourseAction}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      render={(state, pending) => (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-2 text-white disabled:opacity-60">{t.create}</button>
          {state && !state.ok && !pending && <span role="status" className="text-red-700">{t.errors[state.message as keyof typeof t.errors] ?? t.errors.invalid}</span>}
        </div>
      )}
    >
      <h2 className="text-lg font-semibold">{t.newCourse}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">{t.titleField}<input name="title" required maxLength={120} className={input} /></label>
        <label className="block text-sm">{t.termField}<input name="term" required maxLength={40} placeholder="2026.2" className={input} /></label>
      </div>
      <label className="block text-sm">
        {t.cloneFrom}
        <select name="cloneFrom" defaultValue={cloneFrom ?? ""} className={input}>
          <option value="">{t.blank}</option>
          {sources.map((c) => <option key={c.id} value={c.id}>{courseLabel(c)}{c.archived ? ` (${t.archivedBadge})` : ""}</option>)}
        </select>
      </label>
      <p className="text-xs text-slate-600">{t.cloneHelp}</p>
    </ActionForm>
  );
}
