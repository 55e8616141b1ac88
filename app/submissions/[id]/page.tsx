import { notFound, redirect } from "next/navigation";
import { SubmissionLive } from "@/components/submission-live";
import { RegradeButtons } from "@/components/regrade-buttons";
import { dictionary } from "@/i18n/dictionary";
import { failureKindLabel, formatMetric } from "@/i18n/grading-terms";
import { getLocale } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { previousAttempt } from "@/server/submissions/previous-attempt";
import { getSubmissionView, resultHistory } from "@/server/submissions/read";

export const dynamic = "force-dynamic";

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const view = await getSubmissionView(user, (await params).id);
  if (!view) notFound();
  const locale = await getLocale();
  const instructor = user.role === "instructor";
  const history = instructor ? await resultHistory(view.id) : [];
  const previous = await previousAttempt(view);
  const t = dictionary(locale).instructor;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
  return (
    <div className="space-y-6">
      {instructor && (
        <div className="flex flex-wrap items-center gap-4 rounded-lg border border-indigo-200 bg-indigo-50 p-3">
          <span className="text-sm">{t.student}: <b>{view.student.name}</b></span>
          <RegradeButtons locale={locale} submissionId={view.id} />
        </div>
      )}
      {/* Keyed by status: after a regrade, a refresh from the server starts it over, queued, instead of keeping the old result. */}
      <SubmissionLive key={view.status} initial={view} previous={previous} locale={locale} taskHref={instructor ? `/instructor/tasks/${view.task.slug}` : `/tasks/${view.task.slug}`} />
      {history.length > 1 && (
        <section>
          <h2 className="mb-2 font-semibold">{t.history}</h2>
          <ul className="text-sm" data-testid="result-history">
            {history.map((h) => (
              <li key={h.id}>{date.format(h.createdAt)} — {formatMetric("score", h.score, locale)} / {formatMetric("score", h.maxScore, locale)}{h.failureKind ? ` [${failureKindLabel(h.failureKind, locale)}]` : ""} · {dictionary(locale).submission.seed.toLowerCase()} {h.seed} · {h.backend}{h.current ? " ✓" : ""}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
