"use client";
/** The instructor's rules for a task, saved through a server action. */
import { saveTaskSettings, type ActionState } from "@/app/instructor/actions";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { ActionForm } from "./action-form";

export interface SettingsValues {
  slug: string;
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

const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1";

export function TaskSettingsForm({ locale, v }: { locale: Locale; v: SettingsValues }) {
  const t = dictionary(locale).instructor;
  return (
    <ActionForm<ActionState>
      action={saveTaskSettings}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      render={(state, pending) => (
        <div className="flex items-center gap-3">
          <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-2 text-white disabled:opacity-60">{t.save}</button>
          {state && <span role="status" className={state.ok ? "text-emerald-700" : "text-red-700"}>{state.ok ? t.saved : t.invalid({ fields: (state.fields ?? []).join(", ") })}</span>}
        </div>
      )}
    >
      <input type="hidden" name="slug" value={v.slug} />
      <div className="grid gap-3 md:grid-cols-3">
        <label className="text-sm">{t.opensAt}<input type="datetime-local" name="opensAt" defaultValue={v.opensAt} className={input} /></label>
        <label className="text-sm">{t.dueAt}<input type="datetime-local" name="dueAt" defaultValue={v.dueAt} className={input} /></label>
        <label className="text-sm">{t.lateUntil}<input type="datetime-local" name="lateUntil" defaultValue={v.lateUntil} className={input} /></label>
        <label className="text-sm">{t.lateCredit}<input type="number" name="lateCreditPercent" min={0} max={100} defaultValue={v.lateCreditPercent} className={input} /></label>
        <label className="text-sm">{t.maxPerDay}<input type="number" name="maxPerDay" min={1} defaultValue={v.maxPerDay ?? ""} className={input} /></label>
        <label className="text-sm">{t.maxEpochs({ max: v.taskMaxEpochs })}<input type="number" name="maxEpochs" min={1} max={v.taskMaxEpochs} defaultValue={v.maxEpochs ?? ""} className={input} /></label>
        <label className="text-sm">{t.runs({ runs: v.taskRuns, max: v.maxRuns })}<input type="number" name="runs" min={v.taskRuns} max={v.maxRuns} defaultValue={v.runs ?? ""} className={input} /></label>
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
      <fieldset>
        <legend className="mb-2 font-medium">{t.checks}</legend>
        <table className="w-full text-left text-sm">
          <thead><tr className="text-slate-600"><th /><th>{t.points}</th><th>{t.full}</th><th>{t.partial}</th></tr></thead>
          <tbody>
            {v.checks.map((c) => (
              <tr key={c.id} className="border-t border-slate-100">
                <td className="py-1 pr-2">{c.title}</td>
                <td className="py-1 pr-2"><input aria-label={`${t.points}: ${c.title}`} type="number" step="any" min={0} name={`points.${c.id}`} placeholder={String(c.points)} defaultValue={c.override.points ?? ""} className={input} /></td>
                <td className="py-1 pr-2">{c.threshold && <input aria-label={`${t.full}: ${c.title}`} type="number" step="any" name={`full.${c.id}`} placeholder={String(c.threshold.full)} defaultValue={c.override.full ?? ""} className={input} />}</td>
                <td className="py-1">{c.threshold && <input aria-label={`${t.partial}: ${c.title}`} type="number" step="any" name={`partial.${c.id}`} placeholder={String(c.threshold.partial)} defaultValue={c.override.partial ?? ""} className={input} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
    </ActionForm>
  );
}
