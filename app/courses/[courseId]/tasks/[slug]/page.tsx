import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { SubmissionTable } from "@/components/submission-table";
import { SubmitPanel } from "@/components/submit-panel";
import { practiceBundleFor } from "@/server/practice/bundle-for-task";
import { getDictionary } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { starterOf, statementOf } from "@/server/courses/exercise-files";
import { archivedRefusal } from "@/server/courses/archive";
import { courseLabel } from "@/server/courses/course-label";
import { taskForMember, taskPath } from "@/server/courses/task-list";
import { db } from "@/server/db";
import { allowanceFor } from "@/server/rules/allowance";
import { ruleRefusal } from "@/server/rules/refusal";
import { submissionHistory } from "@/server/submissions/read";

export const dynamic = "force-dynamic";

/** Statement tables scroll inside their own box: the card keeps its width at any screen size. */
const markdownComponents: Components = {
  table: ({ node: _node, ...props }) => (
    // Focusable so a keyboard can scroll it too.
    <div className="statement-table" tabIndex={0}>
      <table {...props} />
    </div>
  ),
};

/** A task of one course: slugs repeat across courses, so the course is in the path. Members of the course only. */
export default async function TaskPage({ params }: { params: Promise<{ courseId: string; slug: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { courseId, slug } = await params;
  const found = await taskForMember(user, courseId, slug);
  if (!found) notFound();
  const { task, staff } = found;
  const { locale, t } = await getDictionary();
  const history = await submissionHistory(user.id, task.id);
  const last = history[0] ? await db.submission.findUnique({ where: { id: history[0].id }, select: { code: true } }) : null;
  const starter = starterOf(slug);
  const allowance = await allowanceFor(user.id, task);
  const showLeaderboard = task.leaderboardVisible || staff;
  // The box of dates and limits only when it has something to say (no empty white box).
  // Submitting is switched off while the window is shut (not open yet, or past the deadline with
  // no late work taken). A used-up daily limit keeps the button: a slot frees up while the page
  // is open, and the server then says when the next one comes.
  // An archived course takes nothing, whatever the task's own window says.
  const refusal = archivedRefusal(task.course) ?? ruleRefusal(allowance);
  const windowRefusal = refusal && refusal.code !== "rules.limit" ? refusal : null;
  const hasRules = allowance.window === "notOpen" || allowance.window === "closed" || allowance.dueAt != null || allowance.limit != null || allowance.nextFreeAt != null;
  // The student's own exception, said in their words: only what is in effect (a task deadline
  // moved past the student's own makes theirs moot; extra hand-ins need a limit to raise).
  const exception = allowance.exception;
  const extendedDue = exception?.dueAt && allowance.dueAt && exception.dueAt.getTime() === allowance.dueAt.getTime() ? allowance.dueAt : null;
  const extraAttempts = exception?.extraAttempts && allowance.limit != null ? exception.extraAttempts : null;
  // A late window that ends before the (student's) deadline takes no late work: not worth a line.
  const lateWindow = allowance.lateUntil && (!allowance.dueAt || allowance.lateUntil > allowance.dueAt) ? allowance.lateUntil : null;

  return (
    // grid-cols-1 (minmax(0, 1fr)), not the implicit auto column: a wide code block or table
    // must scroll inside its card instead of widening the page on a phone.
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <p className="text-sm text-slate-600 lg:col-span-2" data-testid="task-course">
        <Link href={`/tasks#course-${task.courseId}`} className="hover:underline">{courseLabel(task.course)}</Link>
        {task.course.archivedAt && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t.courses.archivedBadge}</span>}
      </p>
      {task.course.archivedAt && <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm lg:col-span-2" data-testid="archived-notice">{t.courses.archivedStudent}</p>}
      <article className="statement min-w-0 rounded-lg border border-slate-200 bg-white p-5" aria-label={t.task.statement}>
        <Markdown remarkPlugins={[remarkGfm]} components={markdownComponents}>{statementOf(task, locale)}</Markdown>
      </article>
      <div className="min-w-0 space-y-6">
        {(hasRules || showLeaderboard) && (
          <section className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="allowance">
            {allowance.window === "notOpen" && allowance.opensAt && <p>{t.task.notOpen({ at: allowance.opensAt.toISOString() })}</p>}
            {allowance.window === "closed" && <p className="text-red-700">{t.task.closed}</p>}
            {extendedDue ? (
              <p className="font-medium text-indigo-800" data-testid="extended-due">{t.exceptions.yourDue({ at: extendedDue.toISOString() })}</p>
            ) : (
              allowance.dueAt && <p>{t.task.dueOn({ at: allowance.dueAt.toISOString() })}</p>
            )}
            {lateWindow && <p>{t.task.lateUntil({ at: lateWindow.toISOString(), credit: allowance.lateCredit })}</p>}
            {extraAttempts && <p data-testid="extra-attempts">{t.exceptions.yourExtra({ n: extraAttempts })}</p>}
            {allowance.limit != null && allowance.remaining != null && <p>{t.task.remaining({ remaining: allowance.remaining, limit: allowance.limit })}</p>}
            {allowance.nextFreeAt && <p>{t.task.nextFree({ at: allowance.nextFreeAt.toISOString() })}</p>}
            {showLeaderboard && (
              <p><Link href={`${taskPath(task)}/leaderboard`} className="text-indigo-700 underline">{t.task.leaderboard}</Link></p>
            )}
          </section>
        )}
        <SubmitPanel
          locale={locale}
          userId={user.id}
          taskId={task.id}
          taskSlug={task.slug}
          practice={practiceBundleFor(task.slug)}
          initialCode={last?.code ?? starter}
          starter={starter}
          refusal={windowRefusal}
        />
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">{t.task.history}</h2>
          {history.length === 0 ? (
            <p className="text-sm text-slate-600">{t.task.none}</p>
          ) : (
            <SubmissionTable locale={locale} rows={history} />
          )}
        </section>
      </div>
    </div>
  );
}
