"use client";
/**
 * A submission as it goes: queue position, live epochs with the loss curve growing, then the
 * result. Changes arrive by server-sent events (the server watches the submission), so the
 * result shows the moment grading ends, and a regrade (back to the queue, then a new result)
 * shows without a reload. Where the event stream cannot open, it polls instead.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { dictionary, type Locale } from "@/i18n/dictionary";
import { phaseLabel } from "@/i18n/grading-terms";
import type { PreviousAttempt } from "@/server/submissions/previous-attempt";
import type { SubmissionView } from "@/server/submissions/read";
import { EpochChart } from "./charts";
import { CodeView } from "./code-view";
import { ResultView } from "./result-view";

const fetcher = (url: string) => fetch(url, { cache: "no-store" }).then((r) => r.json() as Promise<SubmissionView>);

/** The latest view of the submission: from the event stream, or by polling when it fails. */
function useLiveView(initial: SubmissionView): SubmissionView {
  const [view, setView] = useState(initial);
  const [streamFailed, setStreamFailed] = useState(false);
  useEffect(() => {
    if (typeof EventSource === "undefined") {
      setStreamFailed(true);
      return;
    }
    // `since`: the server sends nothing until the submission moves past the view the page was rendered with.
    const events = new EventSource(`/api/submissions/${initial.id}/events?since=${initial.version}`);
    events.addEventListener("view", (e) => setView(JSON.parse((e as MessageEvent<string>).data) as SubmissionView));
    // The browser reconnects by itself after a dropped connection; CLOSED means it gave up
    // (an error status, a proxy that does not pass the stream).
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) setStreamFailed(true);
    };
    return () => events.close();
  }, [initial.id, initial.version]);
  const waiting = view.status === "queued" || view.status === "running";
  // The fallback: every second while it waits or runs, now and then afterwards (a regrade).
  useSWR(streamFailed ? `/api/submissions/${initial.id}` : null, fetcher, { refreshInterval: waiting ? 1000 : 10_000, onSuccess: setView });
  return view;
}

export function SubmissionLive({ initial, previous, locale, taskHref }: { initial: SubmissionView; previous: PreviousAttempt | null; locale: Locale; taskHref: string }) {
  const d = dictionary(locale);
  const t = d.submission;
  const view = useLiveView(initial);
  const router = useRouter();
  // A grading that ends while the page is open: the server-rendered parts (an instructor's
  // history of results) are refreshed too.
  const lastStatus = useRef(view.status);
  useEffect(() => {
    if (view.status === "graded" && lastStatus.current !== "graded") router.refresh();
    lastStatus.current = view.status;
  }, [view.status, router]);
  const progress = view.progress;
  const done = progress ? Math.max(0, ...Object.values(progress.curves).map((c) => c.length)) : 0;
  const code = <CodeView code={view.code} highlightLine={view.status === "graded" ? view.result?.failure?.line : undefined} previous={previous} locale={locale} />;

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
            {t.running}… {progress && <span className="text-slate-600">{t.phase}: {phaseLabel(progress.phase, locale)}{progress.totalEpochs ? ` · ${t.epoch({ done, total: progress.totalEpochs })}` : ""}</span>}
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

      {view.status === "graded" && view.result ? <ResultView result={view.result} code={code} locale={locale} /> : code}
    </div>
  );
}
