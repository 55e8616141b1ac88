"use client";
/**
 * The analysis's state on the report page. While it is queued or running (or the stored
 * result is stale), asks the status route every second — which also queues a stale analysis
 * again — shows the phase and a progress bar, and re-renders the page from the server once a
 * fresh result is stored or the analysis failed. It names the task the page was shown for:
 * once another course is current (switched in another tab), the route answers 409 and the
 * page says so instead of following the other course's analysis.
 */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { dictionary, type Locale } from "@/i18n/dictionary";
import type { AnalysisProgress, AnalysisView } from "@/server/similarity/analysis-jobs";

const POLL_MS = 1000;

type StatusView = Pick<AnalysisView, "status" | "fresh" | "progress">;

const settled = (v: StatusView) => v.status === "failed" || (v.status === "done" && v.fresh);

export function AnalysisStatus({ locale, slug, taskId, mode, initial }: { locale: Locale; slug: string; taskId: string; mode: string; initial: StatusView }) {
  const d = dictionary(locale);
  const t = d.similarity;
  const router = useRouter();
  const [view, setView] = useState<StatusView>(initial);
  const [courseChanged, setCourseChanged] = useState(false);
  useEffect(() => {
    if (settled(initial)) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const query = new URLSearchParams({ mode, task: taskId });
      const res = await fetch(`/api/instructor/similarity/${encodeURIComponent(slug)}?${query}`, { cache: "no-store" }).catch(() => null);
      if (stopped) return;
      if (res?.status === 409) {
        stopped = true;
        clearInterval(timer);
        setCourseChanged(true);
        return;
      }
      if (!res?.ok) return;
      const next = (await res.json()) as StatusView;
      setView(next);
      if (settled(next)) {
        stopped = true;
        clearInterval(timer);
        router.refresh();
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [initial, slug, taskId, mode, router]);

  if (courseChanged) return <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">{d.courses.errors.courseChanged}</p>;
  if (settled(view)) return null;
  const progress: AnalysisProgress | null = view.progress;
  const phase = progress ? t.phases[progress.phase] : null;
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : null;
  return (
    <div className="space-y-2 rounded border border-indigo-200 bg-indigo-50 p-3 text-sm" data-testid="analysis-status" aria-live="polite">
      <p className="font-medium">{view.status === "running" ? t.running : view.status === "none" ? t.statusNone : t.queued}</p>
      {phase && <p>{t.progress({ phase, done: progress!.done, total: progress!.total })}</p>}
      <div
        role="progressbar"
        aria-label={view.status === "running" ? t.running : t.queued}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        className="h-2 w-full overflow-hidden rounded bg-indigo-100"
      >
        <div className={`h-full bg-indigo-600 transition-all ${percent == null ? "w-1/12 animate-pulse" : ""}`} style={percent == null ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}
