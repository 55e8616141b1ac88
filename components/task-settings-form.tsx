"use client";
/** The instructor's rules for a task, saved through a server action. */
import { startTransition, useActionState } from "react";
import { saveTaskSettings, type ActionState } from "@/app/instructor/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";

export interface SettingsValues {
  /** The task's id: the action refuses it when the current course changed since the form was shown. */
  taskId: string;
  opensAt: string;
  dueAt: string;
  lateUntil: string;
  lateCreditPercent: number;
  maxPerDay: number | null;
  policy: string;
  leaderboardVisible: boolean;
  maxEpochs: number | null;
  taskMaxEpochs: number;
  runs: number | null;
  taskRuns: number;
  maxRuns: number;
  checks: { id: string; title: string; points: number; threshold: { full: number; partial: number } | null; override: { points?: number; full?: number; partial?: number } }[];
}

const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600 aria-[invalid=true]:bg-red-50";

type FieldErrors = NonNullable<NonNullable<ActionState>["errors"]>;

/** `readOnly`: the course is archived, its rules frozen; the form shows them and saves nothing. */
export function TaskSettingsForm({ locale, v, readOnly = false }: { locale: Locale; v: SettingsValues; readOnly?: boolean }) {
  const t = dictionary(locale).instructor;
  const refusals = dictionary(locale).courses.errors;
  const [state, formAction, pending] = useActionState(saveTaskSettings, null);
  const errors: FieldErrors = (!state?.ok && state?.errors) || {};
  // Submitted by hand, not through <form action>: React resets a form after its action runs,
  // which would wipe what the instructor typed when the save is refused.
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  }
  /** The input's error wiring: marked invalid, described by the message under it. */
  const field = (name: string) => ({ name, "aria-invalid": errors[name] ? true : undefined, "aria-describedby": errors[name] ? `err-${name}` : undefined });
  const message = (name: string) => {
    const e = errors[name];
    if (!e) return null;
    const f = t.fieldErrors;
    const text = e.code === "maxEpochs" ? f.maxEpochs({ max: e.params?.max ?? 0 }) : e.code === "runs" ? f.runs({ min: e.params?.min ?? 0, max: e.params?.max ?? 0 }) : f[e.code];
    return <span id={`err-${name}`} className="mt-1 block text-xs text-red-700" data-testid={`error-${name}`}>{text}</span>;
  };
  const points = (g: { points: number; late: boolean } | null) => (g ? `${g.points}${g.late ? ` (${t.late})` : ""}` : t.noGrade);
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <input type="hidden" name="taskId" value={v.taskId} />
      <fieldset disabled={readOnly} className="min-w-0 space-y-4">
      <div className="grid gap-3 md:grid-cols-3">
        <label className="text-sm">{t.opensAt}<input type="datetime-local" {...field("opensAt")} defaultValue={v.opensAt} className={input} />{message("opensAt")}</label>
        <label className="text-sm">{t.dueAt}<input type="datetime-local" {...field("dueAt")} defaultValue={v.dueAt} className={input} />{message("dueAt")}</label>
        <label className="text-sm">{t.lateUntil}<input type="datetime-local" {...field("lateUntil")} defaultValue={v.lateUntil} className={input} />{message("lateUntil")}</label>
        <label className="text-sm">{t.lateCredit}<input type="number" {...field("lateCreditPercent")} min={0} max={100} defaultValue={v.lateCreditPercent} className={input} />{message("lateCreditPercent")}</label>
        <label className="text-sm">{t.maxPerDay}<input type="number" {...field("maxPerDay")} min={1} defaultValue={v.maxPerDay ?? ""} className={input} />{message("maxPerDay")}</label>
        <label className="text-sm">{t.maxEpochs({ max: v.taskMaxEpochs })}<input type="number" {...field("maxEpochs")} min={1} max={v.taskMaxEpochs} defaultValue={v.maxEpochs ?? ""} className={input} />{message("maxEpochs")}</label>
        <label className="text-sm">{t.runs({ runs: v.taskRuns, max: v.maxRuns })}<input type="number" {...field("runs")} min={v.taskRuns} max={v.maxRuns} defaultValue={v.runs ?? ""} className={input} />{message("runs")}</label>
        <label className="text-sm">{t.policy}
          <select name="policy" defaultValue={v.policy} className={input}>
            <option value="best">{t.policyBest}</option>
            <option value="last">{t.policyLast}</option>
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm md:col-span-2">
          <input type="checkbox" name="leaderboardVisible" defaultChecked={v.leaderboardVisible} /> {t.leaderboardVisible}
        </label>
      </div>
      <p className="text-sm text-slate-600" data-testid="recount-note">{t.recountNote}</p>
      <fieldset className="min-w-0 overflow-x-auto">
        <legend className="mb-2 font-medium">{t.checks}</legend>
        <table className="w-full min-w-[28rem] text-left text-sm">
          <thead><tr className="text-slate-600"><th /><th>{t.points}</th><th>{t.full}</th><th>{t.partial}</th></tr></thead>
          <tbody>
            {v.checks.map((c) => (
              <tr key={c.id} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-2">{c.title}</td>
                <td className="py-1 pr-2"><input aria-label={`${t.points}: ${c.title}`} type="number" step="any" min={0} {...field(`points.${c.id}`)} placeholder={String(c.points)} defaultValue={c.override.points ?? ""} className={input} />{message(`points.${c.id}`)}</td>
                <td className="py-1 pr-2">{c.threshold && <><input aria-label={`${t.full}: ${c.title}`} type="number" step="any" {...field(`full.${c.id}`)} placeholder={String(c.threshold.full)} defaultValue={c.override.full ?? ""} className={input} />{message(`full.${c.id}`)}</>}</td>
                <td className="py-1">{c.threshold && <><input aria-label={`${t.partial}: ${c.title}`} type="number" step="any" {...field(`partial.${c.id}`)} placeholder={String(c.threshold.partial)} defaultValue={c.override.partial ?? ""} className={input} />{message(`partial.${c.id}`)}</>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-2 text-white disabled:opacity-60">{t.save}</button>
        {state && !pending && (
          <span role="status" className={state.ok ? "text-emerald-700" : "text-red-700"}>
            {state.ok ? t.saved : state.message in refusals ? refusals[state.message as keyof typeof refusals] : t.invalid}
          </span>
        )}
      </div>
      </fieldset>
      {state?.ok && state.recount && !pending && (
        <div className="text-sm" data-testid="recount">
          <p>{t.recounted({ n: state.recount.length })}</p>
          {state.recount.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {state.recount.map((c, i) => <li key={i}>{c.name}: {points(c.before)} → {points(c.after)}</li>)}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
