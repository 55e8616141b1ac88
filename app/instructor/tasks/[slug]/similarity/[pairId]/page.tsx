import Link from "next/link";
import { notFound } from "next/navigation";
import { FlagForm } from "@/components/similarity/similarity-forms";
import { fragmentColour, SideBySide } from "@/components/similarity/side-by-side";
import { fmtDate } from "@/i18n/dictionary";
import { getDictionary } from "@/i18n/locale";
import { similarityAccess } from "@/server/similarity/access";
import { MAX_FRAGMENT_PAIRS } from "@/server/similarity/analysis-jobs";
import { pairDetail } from "@/server/similarity/report";

export const dynamic = "force-dynamic";

/** One pair of the current course's task's report: 404 for a pair of any other task (another course's included). */
export default async function SimilarityPairPage({ params }: { params: Promise<{ slug: string; pairId: string }> }) {
  const { locale, t } = await getDictionary();
  const s = t.similarity;
  const { slug, pairId } = await params;
  const access = await similarityAccess(slug);
  if (!access) notFound();
  const pair = await pairDetail(access.task.id, pairId);
  if (!pair) notFound();
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const lines = (from: number, to: number) => s.pair.lines({ from: from + 1, to: to + 1 });
  const fragments = pair.fragments ?? [];
  const name = (side: typeof pair.left) => (side.attempt != null ? `${side.name} (${s.attempt({ n: side.attempt })})` : side.name);

  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="min-w-0 break-words text-2xl font-semibold">{s.pair.title({ a: pair.left.name, b: pair.right.name })}</h1>
        <Link href={`/instructor/tasks/${access.task.slug}/similarity?mode=${pair.mode}`} className="ml-auto text-sm underline">{s.pair.back}</Link>
      </div>
      <p data-testid="pair-summary">{s.pair.summary({ similarity: percent.format(pair.similarity), fragments: fragments.length })}</p>
      <p className="text-xs text-slate-600">{s.staffOnly}</p>

      <div className="grid gap-4 md:grid-cols-2">
        <section className="space-y-2 rounded border border-slate-200 bg-white p-3" aria-labelledby="flag-title">
          <h2 id="flag-title" className="font-semibold">{s.flagForm.title}</h2>
          {/* An archived course is read-only: its flags are shown, none is set. */}
          {access.task.course.archivedAt ? (
            <p className="text-sm text-slate-600" data-testid="flag-read-only">{pair.flag ? t.similarity.flags[pair.flag.status] : t.similarity.flags.cleared}</p>
          ) : (
            <FlagForm locale={locale} taskId={access.task.id} pairId={pair.id} current={pair.flag ? { status: pair.flag.status, note: pair.flag.note } : null} />
          )}
        </section>
        <section className="space-y-2 rounded border border-slate-200 bg-white p-3" aria-labelledby="history-title">
          <h2 id="history-title" className="font-semibold">{s.flagForm.history}</h2>
          {pair.history.length === 0 ? <p className="text-sm text-slate-600">{s.flagForm.none}</p> : (
            <ol className="space-y-2 text-sm" data-testid="flag-history">
              {pair.history.map((h, i) => (
                <li key={i} className="border-l-2 border-slate-300 pl-2">
                  <span className="font-medium">{s.flags[h.status]}</span>{" "}
                  <span className="text-slate-600">{s.flagForm.by({ name: h.byName, when: fmtDate(locale, h.at.toISOString()) })}</span>
                  {h.note && <p className="whitespace-pre-wrap break-words">{h.note}</p>}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <section className="space-y-2" aria-labelledby="fragments-title">
        <h2 id="fragments-title" className="font-semibold">{s.pair.fragments}</h2>
        <p className="text-sm text-slate-600">{pair.fragments ? s.pair.legend : s.pair.noFragments({ max: MAX_FRAGMENT_PAIRS })}</p>
        <ol className="flex flex-wrap gap-2 text-sm" data-testid="fragment-list">
          {fragments.map((f, i) => (
            <li key={i} className={`rounded px-2 py-0.5 ${fragmentColour(i)}`}>
              <a href={`#left-${f[0] + 1}`} className="hover:underline">{s.pair.fragment({ n: i + 1, left: lines(f[0], f[2]), right: lines(f[4], f[6]) })}</a>
            </li>
          ))}
        </ol>
      </section>

      <SideBySide
        left={{ title: s.pair.code({ name: name(pair.left) }), code: pair.leftCode, href: `/submissions/${pair.left.submissionId}` }}
        right={{ title: s.pair.code({ name: name(pair.right) }), code: pair.rightCode, href: `/submissions/${pair.right.submissionId}` }}
        fragments={fragments}
        linkText={s.pair.submission}
      />
    </section>
  );
}
