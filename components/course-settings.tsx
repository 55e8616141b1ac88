"use client";
/**
 * The current course's settings: its join code (and a new one), its instructors (add by email,
 * remove), and archiving. Every form carries the course it was shown for: the server refuses
 * it when another course became current since (in another tab).
 */
import {
  addCoInstructorAction, regenerateJoinCodeAction, removeCoInstructorAction, setArchivedAction, type CourseActionState,
} from "@/app/instructor/courses/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ActionForm } from "./action-form";

type T = ReturnType<typeof dictionary>["courses"];

/** An action's refusal in words: a staff error, or one of the course-wide ones. */
function refusal(t: T, message: string): string {
  if (message in t.staffErrors) return t.staffErrors[message as keyof T["staffErrors"]];
  return t.errors[message as keyof T["errors"]] ?? t.errors.forbidden;
}

function Status({ t, state, pending, ok }: { t: T; state: CourseActionState; pending: boolean; ok: string }) {
  if (!state || pending) return null;
  return <span role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.ok ? ok : refusal(t, state.message)}</span>;
}

const card = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";
const secondary = "rounded border border-indigo-600 px-3 py-1.5 text-sm text-indigo-700 disabled:opacity-50";

export function CourseSettings({
  locale, course, staff, me,
}: {
  locale: Locale;
  course: { id: string; joinCode: string; archived: boolean };
  staff: { id: string; name: string; email: string }[];
  me: string;
}) {
  const t = dictionary(locale).courses;
  const courseId = <input type="hidden" name="courseId" value={course.id} />;
  return (
    <div className="space-y-6">
      <section className={card} aria-labelledby="join-code-title">
        <h2 id="join-code-title" className="text-lg font-semibold">{t.joinCode}</h2>
        <p className="text-sm">{t.joinCodeHelp}</p>
        <p><code className="rounded bg-slate-100 px-2 py-1 text-lg" data-testid="join-code">{course.joinCode}</code></p>
        {!course.archived && (
          <ActionForm<CourseActionState> action={regenerateJoinCodeAction} className="space-y-1" render={(state, pending) => (
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" disabled={pending} className={secondary}>{t.regenerate}</button>
              <Status t={t} state={state} pending={pending} ok={t.regenerated} />
            </div>
          )}>
            {courseId}
            <p className="text-xs text-slate-600">{t.regenerateHelp}</p>
          </ActionForm>
        )}
      </section>

      <section className={card} aria-labelledby="staff-title">
        <h2 id="staff-title" className="text-lg font-semibold">{t.staff}</h2>
        <p className="text-sm text-slate-600">{t.staffHelp}</p>
        <ul className="divide-y divide-slate-200" data-testid="staff-list">
          {staff.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
              <span className="font-medium">{s.name}{s.id === me ? ` (${t.you})` : ""}</span>
              <span className="break-all text-slate-600">{s.email}</span>
              {staff.length > 1 && (
                <ActionForm<CourseActionState> action={removeCoInstructorAction} className="ml-auto flex items-center gap-2" render={(state, pending) => (
                  <>
                    <button type="submit" disabled={pending} className="text-sm text-red-700 underline" aria-label={t.removeLabel({ name: s.name })}>{t.remove}</button>
                    <Status t={t} state={state} pending={pending} ok={t.removed} />
                  </>
                )}>
                  {courseId}
                  <input type="hidden" name="userId" value={s.id} />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
        <ActionForm<CourseActionState> action={addCoInstructorAction} className="space-y-2" render={(state, pending) => (
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-2 text-white disabled:opacity-60">{t.addStaff}</button>
            <span data-testid="staff-status"><Status t={t} state={state} pending={pending} ok={state?.name ? t.staffAdded({ name: state.name }) : ""} /></span>
          </div>
        )}>
          {courseId}
          <label className="block max-w-sm text-sm">{t.staffEmail}<input name="email" type="email" required maxLength={200} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" /></label>
        </ActionForm>
      </section>

      <section className={card} aria-labelledby="archive-title">
        <h2 id="archive-title" className="text-lg font-semibold">{t.archiveTitle}</h2>
        <p className="text-sm">{t.archiveHelp}</p>
        <ActionForm<CourseActionState> action={setArchivedAction} render={(state, pending) => (
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" disabled={pending} className={course.archived ? "rounded bg-indigo-600 px-4 py-2 text-white" : "rounded border border-amber-600 px-4 py-2 text-amber-800"}>
              {course.archived ? t.unarchive : t.archive}
            </button>
            {state && !state.ok && !pending && <Status t={t} state={state} pending={pending} ok="" />}
          </div>
        )}>
          {courseId}
          <input type="hidden" name="archived" value={course.archived ? "0" : "1"} />
        </ActionForm>
      </section>
    </div>
  );
}
