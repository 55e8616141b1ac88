import Link from "next/link";
import { notFound } from "next/navigation";
import { ArchivedBanner } from "@/components/course-banner";
import { AnalysisStatus } from "@/components/similarity/analysis-status";
import { RetryButton, TemplateForm } from "@/components/similarity/similarity-forms";
import { fmtDate } from "@/i18n/dictionary";
import { getDictionary } from "@/i18n/locale";
import { courseLabel } from "@/server/courses/course-label";
import { starterOf } from "@/server/courses/exercise-files";
import { similarityAccess } from "@/server/similarity/access";
import { ensureAnalysis, MAX_PROGRAMS, MAX_STORED_PAIRS } from "@/server/similarity/analysis-jobs";
import { MODES, modeInput } from "@/server/similarity/inputs";
import { minPercentInput, PAGE_ROWS, similarityReport, type PairSide } from "@/server/similarity/report";
import { instructorTemplate, MAX_TEMPLATE_CHARS } from "@/server/similarity/template";

export const dynamic = "force-dynamic";

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The current course's task's report: 404 to anyone but its instructors; an archived course's, read-only. */
export default async function SimilarityPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Search }) {
  const { locale, t } = await getDictionary();
  const s = t.similarity;
  const access = await similarityAccess((await params).slug);
  if (!access) notFound();
  const { task } = access;
  const archived = task.course.archivedAt != null;
  const query = await searchParams;
  const mode = modeInput.parse(one(query.mode));
  const minPercent = minPercentInput.parse(one(query.min));
  // Queues the analysis when it is missing or stale; the runner does the work.
  const view = await ensureAnalysis(task, mode);
  const [report, template] = await Promise.all([similarityReport(task, mode, { min: minPercent / 100, limit: PAGE_ROWS }), instructorTemplate(task.id)]);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const title = locale === "en" ? task.titleEn : task.titlePt;
  // The CSV links name the task they were made for: after a switch to another course they answer 409.
  const csvQuery = `mode=${mode}&min=${minPercent}&task=${encodeURIComponent(task.id)}`;
  const base = `/instructor/tasks/${task.slug}/similarity`;
  const side = (p: PairSide) => (
    <>
      <span className="block font-medium">{p.name}</span>
      {p.attempt != null && (
        <Link href={`/submissions/${p.submissionId}`} className="block text-xs text-slate-600 hover:underline">{s.attempt({ n: p.attempt })}</Link>
      )}
    </>
  );
  const tooMany = view.error?.startsWith("tooMany:") ? view.error.split(":").map(Number) : null;

  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold">{s.title({ task: title })}</h1>
        <Link href={`/instructor/tasks/${task.slug}`} className="ml-auto text-sm underline">{s.backToTask}</Link>
      </div>
      <p className="text-sm text-slate-600" data-testid="similarity-course">{t.instructor.title}: {courseLabel(task.course)}</p>
      <ArchivedBanner locale={locale} course={task.course} />
      <p className="max-w-3xl text-sm text-slate-700">{s.intro}</p>
      <p className="text-xs text-slate-600">{s.staffOnly}</p>

      <form method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
        <label className="flex min-w-0 flex-col text-sm">
          <span className="font-medium">{s.mode}</span>
          <select name="mode" defaultValue={mode} className="mt-1 max-w-full rounded border border-slate-300 px-2 py-1">
            {MODES.map((m) => <option key={m} value={m}>{s.modes[m]}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          <span className="font-medium">{s.threshold}</span>
          <input type="number" name="min" min={0} max={100} step={1} defaultValue={minPercent} className="mt-1 w-28 rounded border border-slate-300 px-2 py-1" />
        </label>
        <button type="submit" className="rounded border border-indigo-600 px-3 py-1.5 text-sm text-indigo-700">{s.apply}</button>
      </form>

      <AnalysisStatus key={`${view.status}-${view.fresh}`} locale={locale} slug={task.slug} taskId={task.id} mode={mode} initial={{ status: view.status, fresh: view.fresh, progress: view.progress }} />
      {view.status === "failed" && (
        <div role="alert" className="space-y-2 rounded border border-red-200 bg-red-50 p-3 text-sm">
          <p>{tooMany ? s.tooMany({ n: tooMany[1], max: tooMany[2] ?? MAX_PROGRAMS }) : `${s.failed} ${view.error ?? ""}`}</p>
          {!tooMany && <RetryButton locale={locale} taskId={task.id} mode={mode} />}
        </div>
      )}
      {view.hasResult && !view.fresh && view.status !== "failed" && <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="stale">{s.stale}</p>}

      {view.hasResult && (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <p className="text-sm text-slate-700" data-testid="analysed">
              {view.finishedAt && s.analysed({ files: view.fileCount, pairs: view.pairCount, when: fmtDate(locale, view.finishedAt.toISOString()), seconds: ((view.durationMs ?? 0) / 1000).toLocaleString(locale, { maximumFractionDigits: 1 }) })}
              {view.storedPairs >= MAX_STORED_PAIRS && ` ${s.kept({ max: MAX_STORED_PAIRS })}`}
            </p>
            <div className="flex flex-wrap gap-2 sm:ml-auto">
              <a href={`/api/instructor/similarity/${task.slug}/csv?${csvQuery}&format=br`} className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white" download>{s.exportCsvBr}</a>
              <a href={`/api/instructor/similarity/${task.slug}/csv?${csvQuery}`} className="rounded border border-indigo-600 px-3 py-1.5 text-sm text-indigo-700" download>{s.exportCsv}</a>
            </div>
          </div>
          {view.fileCount < 2 ? <p className="text-slate-600">{s.notEnough}</p> : report.pairs.length === 0 ? <p className="text-slate-600" data-testid="no-pairs">{s.noPairs}</p> : (
            <>
              <p className="text-sm text-slate-600">{s.shown({ shown: report.pairs.length, above: report.above })}</p>
              <div className="overflow-x-auto">
                <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="similarity-pairs">
                  <thead className="bg-slate-100">
                    <tr>
                      <th className="px-3 py-2">{s.similarity}</th>
                      <th className="px-3 py-2">{s.studentA}</th>
                      <th className="px-3 py-2">{s.studentB}</th>
                      <th className="px-3 py-2" title={s.longestHelp}>{s.longest}</th>
                      <th className="px-3 py-2">{s.flag}</th>
                      {/* relative: the hidden label's box stays inside the scrolling table, not the page */}
                      <th className="relative px-3 py-2"><span className="sr-only">{s.compare}</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.pairs.map((p) => (
                      <tr key={p.id} className="border-t border-slate-200" data-testid="similarity-pair">
                        {/* The score opens the pair too: on a phone the last column is off screen. */}
                        <td className="px-3 py-2 font-semibold tabular-nums" data-testid="pair-similarity"><Link href={`${base}/${p.id}`} className="text-indigo-700 hover:underline">{percent.format(p.similarity)}</Link></td>
                        <td className="px-3 py-2">{side(p.left)}</td>
                        <td className="px-3 py-2">{side(p.right)}</td>
                        <td className="px-3 py-2 tabular-nums">{p.longest}</td>
                        <td className="px-3 py-2">
                          {p.flag && (
                            <span className={`rounded px-1.5 py-0.5 text-xs ${p.flag.status === "suspicious" ? "bg-red-100 text-red-900" : "bg-emerald-100 text-emerald-900"}`} title={p.flag.note || undefined}>
                              {s.flags[p.flag.status]}
                            </span>
                          )}
                        </td>
                        <td className="px-3 py-2"><Link href={`${base}/${p.id}`} className="whitespace-nowrap text-indigo-700 underline">{s.compare}</Link></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}

      <section className="space-y-2 rounded border border-slate-200 bg-white p-3" aria-labelledby="template-title">
        <h2 id="template-title" className="text-lg font-semibold">{s.template.title}</h2>
        <p className="text-sm text-slate-700">{s.template.help}</p>
        {archived ? (
          template ? <pre className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs" data-testid="template-read-only">{template}</pre> : null
        ) : (
          <TemplateForm locale={locale} taskId={task.id} code={template} maxChars={MAX_TEMPLATE_CHARS} />
        )}
        <details className="text-sm">
          <summary className="cursor-pointer text-indigo-700">{s.template.starter}</summary>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs">{starterOf(task.slug)}</pre>
        </details>
      </section>
    </section>
  );
}
