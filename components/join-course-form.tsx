"use client";
/** A student types another course's join code and joins it (task list and profile). */
import { joinCourseAction, type JoinState } from "@/app/courses/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ActionForm } from "./action-form";

export function JoinCourseForm({ locale }: { locale: Locale }) {
  const t = dictionary(locale).courses;
  return (
    <ActionForm<JoinState>
      action={joinCourseAction}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
      render={(state, pending) => (
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-2 text-white disabled:opacity-60">{t.joinSubmit}</button>
          {state && !pending && (
            <span role="status" className={state.ok ? "text-emerald-700" : "text-red-700"} data-testid="join-status">
              {state.ok ? t.joined : t.joinErrors[state.error as keyof typeof t.joinErrors] ?? t.joinErrors.invalid}
            </span>
          )}
        </div>
      )}
    >
      <h2 className="font-semibold">{t.join}</h2>
      <p className="text-sm text-slate-600">{t.joinHelp}</p>
      <label className="block max-w-xs text-sm">
        {dictionary(locale).register.joinCode}
        <input name="joinCode" required maxLength={50} autoComplete="off" className="mt-1 w-full rounded border border-slate-300 px-3 py-2 uppercase" />
      </label>
    </ActionForm>
  );
}
