import Link from "next/link";
import { notFound } from "next/navigation";
import { OverviewCharts } from "@/components/overview-charts";
import { RegradeAllButton } from "@/components/regrade-buttons";
import { SubmissionTable } from "@/components/submission-table";
import { TaskSettingsForm } from "@/components/task-settings-form";
import { getDictionary } from "@/i18n/locale";
import type { RuleOverrides } from "@/grader/tasks/types";
import { instructorTask, requireInstructor } from "@/server/instructor/access";
import { taskOverview, taskSubmissions } from "@/server/instructor/overview";
import { pendingCount, regradableCount } from "@/server/instructor/regrade";
import { checkRulesOf } from "@/server/instructor/task-settings";
import { MAX_RUNS } from "@/grader/phases/runs";

export const dynamic = "force-dynamic";

/** A date as a datetime-local value, in the server's time zone. */
function local(d: Date | null): string {
  if (!d) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export default async function InstructorTaskPage({ params }: { params: Promise<{ slug: string }> }) {
  const { locale, t } = await getDictionary();
  const user = await requireInstructor();
  if (!user) return <p role="alert">{t.instructor.forbidden}</p>;
  const task = await instructorTask(user, (await params).slug);
  if (!task) notFound();
  const overrides = (task.overrides ?? {}) as RuleOverrides;
  const [overview, subs, regradable, pending] = await Promise.all([taskOverview(task.id), taskSubmissions(task.id), regradableCount(task.id), pendingCount(task.id)]);
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold">{locale === "en" ? task.titleEn : task.titlePt}</h1>
        <Link href={`/tasks/${task.slug}/leaderboard`} className="text-indigo-700 underline">{t.instructor.leaderboard}</Link>
        <Link href={`/instructor/tasks/${task.slug}/similarity`} className="text-indigo-700 underline">{t.similarity.link}</Link>
        <Link href="/instructor" className="ml-auto text-sm underline">{t.instructor.title}</Link>
      </div>
      <h2 className="text-lg font-semibold">{t.instructor.settings}</h2>
      <TaskSettingsForm
        locale={locale}
        v={{
          slug: task.slug,
          opensAt: local(task.opensAt),
          dueAt: local(task.dueAt),
          lateUntil: local(task.lateUntil),
          lateCreditPercent: Math.round(task.lateCredit * 100),
          maxPerDay: task.maxPerDay,
          policy: task.policy,
          leaderboardVisible: task.leaderboardVisible,
          maxEpochs: task.maxEpochs,
          taskMaxEpochs: task.taskMaxEpochs,
          runs: overrides.runs ?? null,
          taskRuns: task.taskRuns,
          maxRuns: MAX_RUNS,
          checks: Object.entries(checkRulesOf(task)).map(([id, r]) => ({
            id,
            title: r.title[locale],
            points: r.points,
            threshold: r.threshold ?? null,
            override: { points: overrides.points?.[id], full: overrides.thresholds?.[id]?.full, partial: overrides.thresholds?.[id]?.partial },
          })),
        }}
      />
      <RegradeAllButton locale={locale} slug={task.slug} count={regradable} pending={pending} />
      <h2 className="text-lg font-semibold">{t.instructor.overview}</h2>
      <OverviewCharts locale={locale} overview={overview} slug={task.slug} />
      <h2 className="text-lg font-semibold">{t.instructor.allSubmissions}</h2>
      {subs.length === 0 ? <p className="text-slate-600">{t.instructor.noData}</p> : (
        <div className="overflow-x-auto" data-testid="task-submissions">
          <SubmissionTable
            locale={locale}
            rows={subs}
            lead={[{ heading: t.instructor.student, cell: (r) => <Link href={`/instructor/students/${r.student.id}`} className="hover:underline">{r.student.name}</Link> }]}
          />
        </div>
      )}
    </section>
  );
}
