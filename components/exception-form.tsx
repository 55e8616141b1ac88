"use client";
/**
 * The form that grants one student an exception on one task: from a task's page (choose the
 * student) or a student's page (choose the task). Submitted by hand so a refused form keeps
 * what the instructor typed (as the task rules' form does).
 */
import { startTransition, useActionState, useEffect, useRef } from "react";
import { grantExceptionAction, type ExceptionActionState } from "@/app/instructor/exception-actions";
import { dictionary, type Locale } from "@/i18n/dictionary";

const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50";

export interface ExceptionFormProps {
  locale: Locale;
  /** Fixed by the page: the task's id on a task page, the student's on a student page. */
  taskId?: string;
  userId?: string;
  /** What to choose from for the other one. */
  choices: { id: string; label: string }[];
}

export function ExceptionForm({ locale, taskId, userId, choices }: ExceptionFormProps) {
  const t = dictionary(locale).exceptions;
  const courseErrors = dictionary(locale).courses.errors;
  const [state, formAction, pending] = useActionState<ExceptionActionState, FormData>(grantExceptionAction, null);
  const errors = (!state?.ok && state?.errors) || {};
  const form = useRef<HTMLFormElement>(null);
  // Granted: the form empties for the next one (the table above shows what was granted).
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  }
  const field = (name: string) => ({ name, id: `exc-${name}`, "aria-invalid": errors[name] ? true : undefined, "aria-describedby": errors[name] ? `exc-err-${name}` : undefined });
  const message = (name: string) => {
    const code = errors[name];
    return code ? <span id={`exc-err-${name}`} className="mt-1 block text-xs text-red-700" data-testid={`exception-error-${name}`}>{t.errors[code]}</span> : null;
  };
  const choosing = taskId ? "userId" : "taskId";
  const points = (g: { points: number; late: boolean } | null) => (g ? `${g.points}${g.late ? ` (${t.late})` : ""}` : t.noGrade);
  return (
    <form ref={form} onSubmit={onSubmit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" noValidate data-testid="exception-form">
      {taskId && <input type="hidden" name="taskId" value={taskId} />}
      {userId && <input type="hidden" name="userId" value={userId} />}
      <p className="text-sm text-slate-600">{t.help}</p>
      <div className="grid gap-3 md:grid-cols-3">
        <label className="text-sm md:col-span-3">
          {taskId ? t.student : t.task}
          <select {...field(choosing)} required defaultValue="" className={input}>
            <option value="" disabled>{taskId ? t.chooseStudent : t.chooseTask}</option>
            {choices.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
          </select>
          {message(choosing)}
        </label>
        <label className="text-sm">{t.dueAt}<input type="datetime-local" {...field("dueAt")} className={input} />{message("dueAt")}</label>
        <label className="text-sm">{t.lateUntil}<input type="datetime-local" {...field("lateUntil")} className={input} />{message("lateUntil")}</label>
        <label className="text-sm">{t.extraAttempts}<input type="number" min={1} max={100} {...field("extraAttempts")} className={input} />{message("extraAttempts")}</label>
        <label className="text-sm">{t.lateCredit}<input type="number" min={0} max={100} {...field("lateCreditPercent")} className={input} />{message("lateCreditPercent")}</label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-2 text-white disabled:opacity-60">{pending ? t.granting : t.grant}</button>
        {state && !pending && (
          <span role="status" className={state.ok ? "text-emerald-700" : "text-red-700"}>
            {state.ok
              ? t.granted
              : state.message === "forbidden"
                ? t.errors.forbidden
                : state.message === "courseChanged" || state.message === "course.archived"
                  ? courseErrors[state.message]
                  : errors.form ? t.errors[errors.form] : t.invalid}
            {state.ok && state.change && ` ${t.gradeMoved({ before: points(state.change.before), after: points(state.change.after) })}`}
          </span>
        )}
      </div>
    </form>
  );
}
