"use client";
/**
 * The report's forms: the instructor's template code, a pair's flag, and trying a failed
 * analysis again. Each names its task by id: the server refuses it once another course is
 * current (switched in another tab) instead of applying it to that course's task.
 */
import { retryAnalysis, saveFlag, saveTemplate, type SimilarityActionState } from "@/app/instructor/tasks/[slug]/similarity/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ActionForm } from "../action-form";

const primary = "rounded bg-indigo-600 px-3 py-1.5 text-sm text-white disabled:opacity-50";

/** A refusal that is about the course, not the form: the current course changed, or it is archived. */
function courseRefusal(locale: Locale, message: string): string | null {
  const errors = dictionary(locale).courses.errors;
  return message === "courseChanged" || message === "course.archived" ? errors[message] : null;
}

export function TemplateForm({ locale, taskId, code, maxChars }: { locale: Locale; taskId: string; code: string; maxChars: number }) {
  const t = dictionary(locale).similarity.template;
  return (
    <ActionForm<SimilarityActionState> action={saveTemplate} className="space-y-2" render={(s, busy) => (
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} className={primary}>{t.save}</button>
        {s && !busy && (
          <span role={s.ok ? "status" : "alert"} className={`text-sm ${s.ok ? "" : "text-red-700"}`}>
            {s.ok ? t.saved : (courseRefusal(locale, s.message) ?? t.tooLong({ max: maxChars }))}
          </span>
        )}
      </div>
    )}>
      <input type="hidden" name="taskId" value={taskId} />
      <label className="block text-sm font-medium" htmlFor="similarity-template">{t.label}</label>
      <textarea
        id="similarity-template"
        name="code"
        defaultValue={code}
        rows={8}
        maxLength={maxChars}
        spellCheck={false}
        className="block w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs"
      />
    </ActionForm>
  );
}

export function FlagForm({ locale, taskId, pairId, current }: { locale: Locale; taskId: string; pairId: string; current: { status: string; note: string } | null }) {
  const t = dictionary(locale).similarity;
  return (
    <ActionForm<SimilarityActionState> action={saveFlag} className="space-y-3" render={(s, busy) => (
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} className={primary}>{t.flagForm.save}</button>
        {s && !busy && (
          <span role={s.ok ? "status" : "alert"} className={`text-sm ${s.ok ? "" : "text-red-700"}`}>
            {s.ok ? t.flagForm.saved : (courseRefusal(locale, s.message) ?? (s.message === "notFound" ? t.flagForm.notFound : t.flagForm.invalid))}
          </span>
        )}
      </div>
    )}>
      <input type="hidden" name="taskId" value={taskId} />
      <input type="hidden" name="pairId" value={pairId} />
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="mb-1 text-sm font-medium">{t.flagForm.status}</legend>
        {(["suspicious", "reviewed-ok", "cleared"] as const).map((status) => (
          <label key={status} className="flex items-center gap-1 text-sm">
            <input type="radio" name="status" value={status} defaultChecked={(current?.status ?? "cleared") === status} />
            {t.flags[status]}
          </label>
        ))}
      </fieldset>
      <label className="block text-sm font-medium">
        {t.flagForm.note}
        <textarea name="note" rows={3} maxLength={2000} defaultValue={current?.note ?? ""} className="mt-1 block w-full rounded border border-slate-300 bg-white p-2 text-sm font-normal" />
      </label>
    </ActionForm>
  );
}

export function RetryButton({ locale, taskId, mode }: { locale: Locale; taskId: string; mode: string }) {
  const t = dictionary(locale).similarity;
  return (
    <ActionForm<SimilarityActionState> action={retryAnalysis} render={(s, busy) => (
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} className={primary}>{t.retry}</button>
        {s && !s.ok && !busy && <span role="alert" className="text-sm text-red-700">{courseRefusal(locale, s.message) ?? t.flagForm.notFound}</span>}
      </div>
    )}>
      <input type="hidden" name="taskId" value={taskId} />
      <input type="hidden" name="mode" value={mode} />
    </ActionForm>
  );
}
