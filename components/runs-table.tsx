"use client";
/** The N training runs a grade is the median of: each seed's score and metrics, the median marked, and the spread. */
import type { GradeResult } from "@/grader/result";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { failureKindLabel, formatMetric, metricLabel } from "@/i18n/grading-terms";

export function RunsTable({ runs, locale }: { runs: NonNullable<GradeResult["runs"]>; locale: Locale }) {
  const t = dictionary(locale).submission;
  const figure = (metric: string, v: number | null | undefined) => formatMetric(metric, v, locale);
  // Figures that do not change from seed to seed (a baseline's) say nothing about the spread.
  const metrics = Object.keys(runs.spread).filter((k) => k !== "score" && runs.spread[k].min !== runs.spread[k].max);
  const cell = "whitespace-nowrap px-2 py-1 text-right font-mono tabular-nums";
  return (
    <section data-testid="runs">
      <h2 className="mb-1 font-semibold">{t.runs({ n: runs.each.length })}</h2>
      <p className="mb-2 text-sm text-slate-600">{t.runsNote}</p>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th className="px-2 py-1">{t.seed}</th>
              <th className="px-2 py-1 text-right">{t.score}</th>
              {metrics.map((k) => <th key={k} title={k} className="px-2 py-1 text-right font-normal">{metricLabel(k, locale)}</th>)}
            </tr>
          </thead>
          <tbody>
            {runs.each.map((run, i) => (
              <tr key={run.seed} className={`border-b border-slate-100 ${i === runs.chosen ? "bg-indigo-50 font-medium" : ""}`} data-testid={i === runs.chosen ? "median-run" : undefined}>
                <td className="whitespace-nowrap px-2 py-1">{run.seed}{i === runs.chosen ? ` · ${t.median}` : ""}{run.failure ? ` · ${t.failure}: ${failureKindLabel(run.failure, locale)}` : ""}</td>
                <td className={cell}>{figure("score", run.score)}</td>
                {metrics.map((k) => <td key={k} className={cell}>{figure(k, run.metrics[k])}</td>)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="text-slate-600">
              <td className="whitespace-nowrap px-2 py-1">{t.spread}</td>
              <td className={cell}>{runs.spread.score ? `${figure("score", runs.spread.score.min)} … ${figure("score", runs.spread.score.max)}` : "—"}</td>
              {metrics.map((k) => <td key={k} className={cell}>{figure(k, runs.spread[k]?.min)} … {figure(k, runs.spread[k]?.max)}</td>)}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
