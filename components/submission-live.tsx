"use client";
/** A submission as it goes: queue position, live epochs with the loss curve growing, then the result. */
import Link from "next/link";
import { useState } from "react";
import useSWR from "swr";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { SubmissionView } from "@/server/submissions/read";
import { EpochChart } from "./charts";
import { CodeView } from "./code-view";
import { ResultView } from "./result-view";

const fetcher = (url: string) => fetch(url, { cache: "no-store" }).then((r) => r.json() as Promise<SubmissionView>);

export function SubmissionLive({ initial, locale, taskHref }: { initial: SubmissionView; locale: Locale; taskHref: string }) {
  const d = dictionary(locale);
  const t = d.submission;
  const [view, setView] = useState(initial);
  const waiting = view.status === "queued" || view.status === "running";
  // Poll once a second while the submission waits or runs; stop when it is done.
  useSWR(waiting ? `/api/submissions/${initial.id}` : null, fetcher, { refreshInterval: 1000, onSuccess: setView });
  const progress = view.progress;
  const done = progress ? Math.max(0, ...Object.values(progress.curves).map((c) => c.length)) : 0;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{t.title} #{view.attempt}</h1>
        <span className="text-slate-600">{locale === "en" ? view.task.titleEn : view.task.titlePt}</span>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-sm" data-testid="status">{d.status[view.status]}</span>
        <Link href={taskHref} className="ml-auto text-sm text-indigo-700 underline">{t.back}</Link>
      </div>

      {view.status === "queued" && (
        <p aria-live="polite" data-testid="queued">
          {t.queued({ position: view.queuePosition })} {view.waitEstimateSeconds != null && view.waitEstimateSeconds > 0 ? t.wait({ seconds: view.waitEstimateSeconds }) : ""}
        </p>
      )}

      {view.status === "running" && (
        <section aria-live="polite" className="space-y-3" data-testid="running">
          <p>
            {t.running}… {progress && <span className="text-slate-600">{t.phase}: {progress.phase}{progress.totalEpochs ? ` · ${t.epoch({ done, total: progress.totalEpochs })}` : ""}</span>}
          </p>
          {progress && progress.totalEpochs > 0 && (
            <progress max={progress.totalEpochs * Object.keys(progress.curves).filter((k) => !k.includes(" · ")).length * (progress.runs ?? 1) || 1} value={Object.values(progress.curves).reduce((s, c) => s + c.length, 0)} className="h-2 w-full" aria-label={t.running} />
          )}
          {progress && <EpochChart curves={progress.curves} series={["loss", "valLoss"]} title={t.lossCurve} locale={locale} />}
        </section>
      )}

      {view.status === "error" && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-red-900">{t.error} {view.error}</p>
      )}

      {view.status === "graded" && view.result && <ResultView result={view.result} code={view.code} locale={locale} />}
      {view.status !== "graded" && <CodeView code={view.code} label={t.code} />}
    </div>
  );
}
