import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { SubmissionTable } from "@/components/submission-table";
import { SubmitPanel } from "@/components/submit-panel";
import { getDictionary } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { starterOf, statementOf } from "@/server/courses/exercise-files";
import { taskForUser } from "@/server/courses/task-list";
import { db } from "@/server/db";
import { allowanceFor } from "@/server/rules/allowance";
import { submissionHistory } from "@/server/submissions/read";

export const dynamic = "force-dynamic";

export default async function TaskPage({ params }: { params: Promise<{ slug: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { slug } = await params;
  const task = await taskForUser(user, slug);
  if (!task) notFound();
  const { locale, t } = await getDictionary();
  const history = await submissionHistory(user.id, task.id);
  const last = history[0] ? await db.submission.findUnique({ where: { id: history[0].id }, select: { code: true } }) : null;
  const starter = starterOf(slug);
  const allowance = await allowanceFor(user.id, task);

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <article className="statement min-w-0 rounded-lg border border-slate-200 bg-white p-5" aria-label={t.task.statement}>
        <Markdown remarkPlugins={[remarkGfm]}>{statementOf(task, locale)}</Markdown>
      </article>
      <div className="space-y-6">
        <section className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="allowance">
          {allowance.window === "notOpen" && allowance.opensAt && <p>{t.task.notOpen({ at: allowance.opensAt.toISOString() })}</p>}
          {allowance.window === "closed" && <p className="text-red-700">{t.task.closed}</p>}
          {allowance.dueAt && <p>{t.task.dueOn({ at: allowance.dueAt.toISOString() })}</p>}
          {allowance.lateUntil && <p>{t.task.lateUntil({ at: allowance.lateUntil.toISOString(), credit: allowance.lateCredit })}</p>}
          {allowance.limit != null && allowance.remaining != null && <p>{t.task.remaining({ remaining: allowance.remaining, limit: allowance.limit })}</p>}
          {allowance.nextFreeAt && <p>{t.task.nextFree({ at: allowance.nextFreeAt.toISOString() })}</p>}
          {(task.leaderboardVisible || user.role === "instructor") && (
            <p><Link href={`/tasks/${slug}/leaderboard`} className="text-indigo-700 underline">{t.task.leaderboard}</Link></p>
          )}
        </section>
        <SubmitPanel locale={locale} taskId={task.id} initialCode={last?.code ?? starter} starter={starter} />
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
