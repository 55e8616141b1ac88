"use client";
/**
 * A practice run as it goes: progress against the caps, the live loss curve, the student's
 * functions beside the reference's with the first difference, what grading will require of
 * each model, the validation figure, and predictions against the real values. Clearly marked
 * as practice: nothing here is a grade.
 */
import { dictionary, type Locale } from "@/i18n/dictionary";
import { failureKindLabel, failureText, phaseLabel } from "@/i18n/grading-terms";
import { pathText } from "@/grader/practice/first-difference";
import { EpochChart, NEXT_NUMBER_LAST_TRAINING_START, PredictionChart } from "../charts";
import { formatValue } from "../charts/format";
import { epochProgress, type PracticeState } from "./practice-state";

/** A value in a line or two: the first difference, highlighted below, says where to look. */
function short(value: unknown, max = 160): string {
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > max ? `${s.slice(0, max)}…` : s;
  } catch {
    return String(value);
  }
}

export function PracticeView({ state, locale, elapsedMs, hostError, onStop }: {
  state: PracticeState;
  locale: Locale;
  elapsedMs: number;
  hostError: { reason: "load" | "timeout"; detail: string } | null;
  onStop: () => void;
}) {
  const d = dictionary(locale);
  const t = d.practice;
  if (state.status === "idle") return null;
  const running = state.status === "loading" || state.status === "running";
  const progress = epochProgress(state);
  const seconds = Math.floor(elapsedMs / 1000);
  const hasAccuracy = Object.values(state.curves).some((c) => c.some((p) => p.acc != null));
  const f = state.failure;
  const chartAxis = state.charts[0]?.xAxis;

  return (
    <section className="min-w-0 space-y-4 rounded-lg border-2 border-dashed border-amber-300 bg-amber-50/40 p-4" aria-labelledby="practice-title" data-testid="practice">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id="practice-title" className="font-semibold">{t.title}</h2>
          <p className="text-sm text-slate-700">{t.notice}</p>
        </div>
        {running && (
          <button type="button" onClick={onStop} className="rounded border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50" data-testid="practice-stop">
            {t.stop}
          </button>
        )}
      </div>

      <div className="space-y-1 text-sm text-slate-700" aria-live="polite" data-testid="practice-status">
        {state.status === "loading" && <p>{t.starting}</p>}
        {state.phase && running && <p>{t.phase({ phase: phaseLabel(state.phase, locale) })}</p>}
        {state.budget && <p>{t.caps({ epochs: state.budget.epochs, batchSize: state.budget.batchSize, seconds: Math.round(state.budget.timeLimitMs / 1000) })}</p>}
        <p className="flex flex-wrap gap-x-4">
          {progress.total != null && <span data-testid="practice-epochs">{t.epochs({ done: progress.done, total: progress.total, models: progress.models })}</span>}
          <span data-testid="practice-elapsed">{state.budget ? t.elapsed({ seconds, limit: Math.round(state.budget.timeLimitMs / 1000) }) : `${seconds} s`}</span>
          {state.backend && <span>{t.backend({ backend: state.backend })}</span>}
        </p>
        {state.status === "done" && state.stoppedBy === null && <p className="font-medium text-emerald-800" data-testid="practice-finished">{t.finished({ seconds: formatValue(locale, elapsedMs / 1000) })}</p>}
        {state.status === "done" && state.stoppedBy === "time" && state.budget && <p className="font-medium text-amber-800">{t.stoppedTime({ seconds: Math.round(state.budget.timeLimitMs / 1000) })}</p>}
        {state.status === "stopped" && state.stoppedBy === "user" && <p className="font-medium text-slate-800" data-testid="practice-stopped">{t.stoppedUser}</p>}
        {hostError && (
          <p role="alert" className="font-medium text-red-800">
            {hostError.reason === "load" ? t.loadFailed({ detail: hostError.detail }) : t.hostTimeout({ seconds: hostError.detail })}
          </p>
        )}
      </div>

      {f && (
        <div role="alert" className="rounded border border-red-200 bg-red-50 p-3" data-testid="practice-failure">
          <p className="font-semibold text-red-900">
            {t.failure}: {failureKindLabel(f.kind, locale)}{f.line ? ` — ${d.submission.line({ line: f.line })}` : ""}
          </p>
          <p className="mt-1 whitespace-pre-wrap text-sm text-red-900">{failureText(f, locale)}</p>
          {f.stack && <pre className="mt-2 overflow-x-auto text-xs text-red-800">{f.stack.split("\n").slice(1).join("\n")}</pre>}
        </div>
      )}

      {state.probes.length > 0 && (
        <div className="min-w-0 space-y-2" data-testid="practice-probes">
          <h3 className="font-medium">{t.probes({ fn: state.probes[0].fn })}</h3>
          <ul className="space-y-2">
            {state.probes.map((p) => (
              <li key={p.id} className="min-w-0 rounded border border-slate-200 bg-white p-2 text-xs" data-testid={`practice-probe-${p.id}`}>
                <p className="mb-1 break-words font-mono text-slate-600">{t.probeInput}: {short(p.args)}</p>
                <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                  <div className="min-w-0"><p className="font-medium">{t.probeExpected}</p><pre className="overflow-x-auto whitespace-pre-wrap break-all">{short(p.expected)}</pre></div>
                  <div className="min-w-0"><p className="font-medium">{t.probeActual}</p><pre className="overflow-x-auto whitespace-pre-wrap break-all">{p.error ? "—" : short(p.actual)}</pre></div>
                </div>
                {p.error ? (
                  <p className="mt-1 text-red-800">{t.probeThrew({ message: p.error.message })}</p>
                ) : p.difference ? (
                  <p className="mt-1 rounded bg-red-100 px-2 py-1 font-medium text-red-900" data-testid="practice-difference">
                    {t.probeDiff({ path: pathText("", p.difference.path) || "·", expected: short(p.difference.expected), actual: short(p.difference.actual) })}
                  </p>
                ) : (
                  <p className="mt-1 text-emerald-800">{t.probeSame}</p>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      {Object.entries(state.notes).map(([model, notes]) => (
        <div key={model} className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          <p className="font-medium">{t.notes}</p>
          <ul className="list-disc pl-5">{notes.map((n, i) => <li key={i}>{n[locale]}</li>)}</ul>
        </div>
      ))}

      {state.models.length > 0 && (
        <div className="space-y-2" data-testid="practice-models">
          <h3 className="font-medium">{t.contract}</h3>
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
            {state.models.map((m) => {
              const evaluation = state.evaluations.find((e) => e.model === m.model);
              return (
                <div key={m.model} className={`min-w-0 rounded border p-3 text-sm ${m.contract.ok ? "border-emerald-200 bg-white" : "border-red-200 bg-red-50"}`} data-testid={`practice-model-${m.model}`}>
                  <p className="font-semibold">{m.title[locale]}</p>
                  <p className="text-slate-600">{m.layers.join(" → ")}</p>
                  <p>{t.params({ params: m.params.toLocaleString(locale), max: m.maxParams.toLocaleString(locale) })}</p>
                  <p className={m.contract.ok ? "text-emerald-800" : "text-red-800"}>{m.contract.feedback[locale]}</p>
                  {!m.contract.ok && !state.curves[m.model] && <p className="text-red-800">{t.notTrained}</p>}
                  {evaluation && (
                    <p className="mt-1" data-testid={`practice-evaluation-${m.model}`}>
                      <span className="font-semibold">{t.metrics[evaluation.metric]}: {formatValue(locale, evaluation.value)}</span>{" "}
                      <span className="text-slate-600">{t.evaluatedOn({ examples: evaluation.examples })}</span>
                      {evaluation.baseline && <span className="block text-slate-600">{t.baseline({ name: evaluation.baseline.name[locale], value: formatValue(locale, evaluation.baseline.value) })}</span>}
                    </p>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}

      {Object.keys(state.curves).length > 0 && (
        <div data-testid="practice-loss">
          <EpochChart curves={state.curves} series={["loss", "valLoss"]} title={t.lossTitle} locale={locale} />
          {hasAccuracy && <EpochChart curves={state.curves} series={["acc", "valAcc"]} title={t.accuracyTitle} locale={locale} />}
        </div>
      )}

      {state.charts.length > 0 && chartAxis && (
        <div data-testid="practice-predictions">
          <PredictionChart
            samples={Object.fromEntries(state.charts.map((c) => [c.model, c.points]))}
            title={t.predictions}
            locale={locale}
            xAxis={chartAxis}
            testId="practice-prediction-chart"
            trainingRangeEnd={chartAxis === "sequenceStart" ? NEXT_NUMBER_LAST_TRAINING_START : undefined}
          />
        </div>
      )}

      {state.logs.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">{t.logs} ({state.logs.length})</summary>
          <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid="practice-logs">{state.logs.join("\n")}</pre>
        </details>
      )}
    </section>
  );
}
