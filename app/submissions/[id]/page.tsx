import { notFound, redirect } from "next/navigation";
import { SubmissionLive } from "@/components/submission-live";
import { RegradeButtons } from "@/components/regrade-buttons";
import { dictionary } from "@/i18n/dictionary";
import { getLocale } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
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
      <SubmissionLive key={view.status} initial={view} locale={locale} taskHref={instructor ? `/instructor/tasks/${view.task.slug}` : `/tasks/${view.task.slug}`} />
      {history.length > 1 && (
        <section>
          <h2 className="mb-2 font-semibold">{t.history}</h2>
          <ul className="text-sm" data-testid="result-history">
            {history.map((h) => (
              <li key={h.id}>{date.format(h.createdAt)} — {h.score} / {h.maxScore}{h.failureKind ? ` [${h.failureKind}]` : ""} · seed {h.seed} · {h.backend}{h.current ? " ✓" : ""}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
