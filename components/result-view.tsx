"use client";
/** A graded result: score, points per check, the failure on its line, metrics, charts, diagnostics. */
import type { ReactNode } from "react";
import type { GradeResult } from "@/grader/result";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { failureKindLabel, failureText, formatMetric, metricLabel } from "@/i18n/grading-terms";
import { numberFormat } from "@/i18n/number-format";
import { resultSections } from "@/server/submissions/result-sections";
import { EpochChart, NEXT_NUMBER_LAST_TRAINING_START, PredictionChart, ProbabilityHistogram } from "./charts";
import { RunsTable } from "./runs-table";

const STATUS_STYLE: Record<string, string> = {
  passed: "bg-emerald-100 text-emerald-800",
  partial: "bg-amber-100 text-amber-800",
  failed: "bg-red-100 text-red-800",
  skipped: "bg-slate-100 text-slate-600",
};

/** Which path trained the recurrent layers, and which loop each model (results stored before either have no record). */
function recurrentNotes(result: GradeResult, t: ReturnType<typeof dictionary>["submission"]): string[] {
  const layers = Object.values(result.models).flatMap((m) => m.recurrent ?? []);
  const notes: string[] = [];
  const library = result.environment.recurrentKernels?.library;
  if (library && layers.some((l) => l.path === "fused")) notes.push(t.recurrentFused({ library }));
  for (const l of layers) if (l.path === "stock") notes.push(t.recurrentStock({ layer: l.layer, reason: l.reason ?? "—" }));
  const native = Object.entries(result.models).filter(([, m]) => m.trainingLoop?.path === "native").map(([id]) => id);
  if (native.length > 0) notes.push(t.trainingLoopNative({ models: native.join(", ") }));
  return notes;
}

/** `code`: the submitted code's panel, shown after the checks (near the failure it may point at). */
export function ResultView({ result, code, locale }: { result: GradeResult; code: ReactNode; locale: Locale }) {
  const t = dictionary(locale).submission;
  const shown = resultSections(result);
  const f = result.failure;
  const curves = result.curves;
  const hasAcc = Object.values(curves).some((c) => c.some((p) => p.acc != null));
  // The y axis names the loss the models trained on (MSE, cross-entropy).
  const loss = Object.values(result.models).find((m) => m.loss)?.loss ?? null;
  return (
    <div className="space-y-5">
      <div className={`flex flex-wrap items-baseline gap-3 rounded-lg p-4 ${result.passed ? "bg-emerald-50" : "bg-amber-50"}`} data-testid="verdict">
        <span className="text-xl font-semibold">{result.passed ? t.passed : t.notPassed}</span>
        <span className="text-lg" data-testid="score">{formatMetric("score", result.score, locale)} / {formatMetric("score", result.maxScore, locale)} {t.points}</span>
      </div>

      {f && (
        <section role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4" data-testid="failure">
          <h2 className="font-semibold text-red-900">
            {t.failure}: {failureKindLabel(f.kind, locale)}{f.line ? ` — ${t.line({ line: f.line })}` : ""}
          </h2>
          <p className="mt-1 whitespace-pre-wrap text-sm text-red-900">{failureText(f, locale)}</p>
          {f.stack && <pre className="mt-2 overflow-x-auto text-xs text-red-800">{f.stack.split("\n").slice(1).join("\n")}</pre>}
        </section>
      )}

      <section>
        <h2 className="mb-2 font-semibold">{t.checks}</h2>
        <ul className="space-y-2">
          {result.checks.map((c) => (
            <li key={c.id} className="rounded border border-slate-200 bg-white p-3" data-testid={`check-${c.id}`}>
              <div className="flex items-center justify-between gap-3">
                <span className="font-medium">{c.title[locale]}</span>
                <span className={`shrink-0 whitespace-nowrap rounded px-2 py-0.5 text-sm ${STATUS_STYLE[c.status]}`}>{c.points} / {c.maxPoints}</span>
              </div>
              {c.feedback && <p className="mt-1 text-sm text-slate-700">{c.feedback[locale]}</p>}
            </li>
          ))}
        </ul>
      </section>

      {code}

      {!shown.environment && <p className="text-sm text-slate-600" data-testid="stopped-early">{t.stoppedEarly}</p>}

      {shown.curves && (
        <section className="grid gap-4 md:grid-cols-2">
          <EpochChart curves={curves} series={["loss", "valLoss"]} title={t.lossCurve} locale={locale} loss={loss} />
          {hasAcc && <EpochChart curves={curves} series={["acc", "valAcc"]} title={t.accuracyCurve} locale={locale} />}
        </section>
      )}

      {result.task === "sine-forecast" && result.predictions.model && (
        <PredictionChart samples={{ model: result.predictions.model }} title={t.predictionsChart} locale={locale} xAxis="timeStep" testId="prediction-chart" />
      )}
      {result.task === "next-number" && Object.keys(result.predictions).length > 0 && (
        <PredictionChart samples={result.predictions} title={t.comparison} locale={locale} xAxis="sequenceStart" trainingRangeEnd={NEXT_NUMBER_LAST_TRAINING_START} testId="comparison-chart" />
      )}
      {result.task === "imdb-sentiment" && result.predictions.model && (
        <ProbabilityHistogram samples={result.predictions.model} locale={locale} />
      )}
      {result.confusion && (
        <figure className="rounded border border-slate-200 bg-white p-3" data-testid="confusion">
          <figcaption className="mb-2 text-sm font-medium">{t.confusion}</figcaption>
          <table className="text-center text-sm">
            <thead>
              <tr><th /><th className="px-3 py-1">{t.predictedPos}</th><th className="px-3 py-1">{t.predictedNeg}</th></tr>
            </thead>
            <tbody>
              <tr><th className="px-3 py-1 text-left">{t.actualPos}</th><td className="bg-emerald-50 px-3 py-1">{result.confusion.tp}</td><td className="bg-red-50 px-3 py-1">{result.confusion.fn}</td></tr>
              <tr><th className="px-3 py-1 text-left">{t.actualNeg}</th><td className="bg-red-50 px-3 py-1">{result.confusion.fp}</td><td className="bg-emerald-50 px-3 py-1">{result.confusion.tn}</td></tr>
            </tbody>
          </table>
        </figure>
      )}

      {shown.metrics && (
        <section>
          <h2 className="mb-2 font-semibold">{t.metrics}</h2>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {Object.entries(result.metrics).map(([k, v]) => (
              <div key={k} className="flex justify-between gap-2 border-b border-slate-100 py-1"><dt className="text-slate-600" title={k}>{metricLabel(k, locale)}</dt><dd className="font-mono tabular-nums">{formatMetric(k, v, locale)}</dd></div>
            ))}
          </dl>
        </section>
      )}

      {shown.runs && result.runs && <RunsTable runs={result.runs} locale={locale} />}

      {/* How many examples it trained on: only once training ran. */}
      {shown.curves && result.samples && (
        <p className="text-sm text-slate-600" data-testid="samples">
          {Object.entries(result.samples).map(([id, s]) => `${Object.keys(result.samples!).length > 1 ? `${id}: ` : ""}${s.validation > 0 ? t.samples(s) : t.samplesNoValidation(s)}`).join(" ")}
        </p>
      )}

      {result.diagnostics.length > 0 && (
        <section>
          <h2 className="mb-2 font-semibold">{t.diagnostics}</h2>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {result.diagnostics.map((d, i) => <li key={i}>{d.model ? <b>{d.model}: </b> : null}{d.text[locale]}</li>)}
          </ul>
        </section>
      )}

      {result.logs.text && (
        <details className="rounded border border-slate-200 bg-white p-3 text-sm">
          <summary>{t.logs} {result.logs.truncated ? t.logsTruncated : ""}</summary>
          <pre className="mt-2 max-h-64 overflow-auto text-xs">{result.logs.text}</pre>
        </details>
      )}

      {shown.environment && (
        <p className="text-xs text-slate-500" data-testid="environment">
          {t.environment}: {result.environment.backend ? `${result.environment.backend} · ` : ""}tfjs {result.environment.tfjsVersion ?? "—"} · {t.seed.toLowerCase()} {result.runs ? result.runs.each[result.runs.chosen].seed : result.environment.seed} · {result.environment.isolation.join(", ")} · {numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(result.timing.totalMs / 1000)} s
          {recurrentNotes(result, t).map((note) => <span key={note}> · {note}</span>)}
        </p>
      )}
    </div>
  );
}
