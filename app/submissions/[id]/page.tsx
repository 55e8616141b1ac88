import { notFound, redirect } from "next/navigation";
import { SubmissionLive } from "@/components/submission-live";
import { RegradeButtons } from "@/components/regrade-buttons";
import { dictionary } from "@/i18n/dictionary";
import { failureKindLabel, formatMetric } from "@/i18n/grading-terms";
import { getLocale } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { isCourseArchived } from "@/server/courses/archive";
import { isCourseStaff } from "@/server/courses/membership";
import { taskPath } from "@/server/courses/task-list";
import { instructorContext } from "@/server/instructor/access";
import { previousAttempt } from "@/server/submissions/previous-attempt";
import { getSubmissionView, resultHistory } from "@/server/submissions/read";

export const dynamic = "force-dynamic";

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const view = await getSubmissionView(user, (await params).id);
  if (!view) notFound();
  const locale = await getLocale();
  // The course's instructors see the regrade controls and every grading; the owner sees their own.
  const instructor = await isCourseStaff(user, view.task.courseId);
  const archived = instructor && (await isCourseArchived(view.task.courseId));
  // Back to the instructor's page of the task when its course is the current one; else to the
  // course's own task page (instructor pages show the current course only).
  const current = instructor ? (await instructorContext())?.course : null;
  const taskHref = current?.id === view.task.courseId ? `/instructor/tasks/${view.task.slug}` : taskPath(view.task);
  const history = instructor ? await resultHistory(view.id) : [];
  const previous = await previousAttempt(view);
  const t = dictionary(locale).instructor;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium" });
  return (
    <div className="space-y-6">
      {instructor && (
        <div className="flex flex-wrap items-center gap-4 rounded-lg border border-indigo-200 bg-indigo-50 p-3">
          <span className="text-sm">{t.student}: <b>{view.student.name}</b></span>
          {archived ? <span className="text-sm text-slate-600">{dictionary(locale).courses.archivedNotice}</span> : <RegradeButtons locale={locale} submissionId={view.id} />}
        </div>
      )}
      {/* Keyed by status: after a regrade, a refresh from the server starts it over, queued, instead of keeping the old result. */}
      <SubmissionLive key={view.status} initial={view} previous={previous} locale={locale} taskHref={taskHref} />
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
