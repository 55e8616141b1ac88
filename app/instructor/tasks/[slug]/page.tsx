import Link from "next/link";
import { notFound } from "next/navigation";
import { ExceptionForm } from "@/components/exception-form";
import { ExceptionTable } from "@/components/exception-table";
import { OverviewCharts } from "@/components/overview-charts";
import { RegradeAllButton } from "@/components/regrade-buttons";
import { SubmissionTable } from "@/components/submission-table";
import { TaskSettingsForm } from "@/components/task-settings-form";
import { ArchivedBanner } from "@/components/course-banner";
import { getDictionary } from "@/i18n/locale";
import type { RuleOverrides } from "@/grader/tasks/types";
import { courseLabel } from "@/server/courses/course-label";
import { taskPath } from "@/server/courses/task-list";
import { instructorContext, instructorTask } from "@/server/instructor/access";
import { taskOverview, taskSubmissions } from "@/server/instructor/overview";
import { pendingCount, regradableCount } from "@/server/instructor/regrade";
import { checkRulesOf } from "@/server/instructor/task-settings";
import { courseStudents, exceptionsOfTask } from "@/server/exceptions/list";
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
  const context = await instructorContext();
  if (!context) return <p role="alert">{t.instructor.forbidden}</p>;
  // The current course's task: the same slug in another course is another task.
  const task = context.course ? await instructorTask(context.course, (await params).slug) : null;
  if (!task) notFound();
  const archived = task.course.archivedAt != null;
  const overrides = (task.overrides ?? {}) as RuleOverrides;
  const [overview, subs, regradable, pending, exceptions, students] = await Promise.all([
    taskOverview(task.id), taskSubmissions(task.id), regradableCount(task.id), pendingCount(task.id), exceptionsOfTask(task.courseId, task.id), courseStudents(task.courseId),
  ]);
  return (
    <section className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-2xl font-semibold">{locale === "en" ? task.titleEn : task.titlePt}</h1>
        <Link href={`${taskPath(task)}/leaderboard`} className="text-indigo-700 underline">{t.instructor.leaderboard}</Link>
        <Link href={`/instructor/tasks/${task.slug}/similarity`} className="text-indigo-700 underline">{t.similarity.link}</Link>
        <Link href="/instructor" className="ml-auto text-sm underline">{t.instructor.title}: {courseLabel(task.course)}</Link>
      </div>
      <ArchivedBanner locale={locale} course={task.course} />
      <h2 className="text-lg font-semibold">{t.instructor.settings}</h2>
      <TaskSettingsForm
        locale={locale}
        readOnly={archived}
        v={{
          taskId: task.id,
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
      {!archived && <RegradeAllButton locale={locale} taskId={task.id} count={regradable} pending={pending} />}
      <h2 className="text-lg font-semibold" id="exceptions">{t.exceptions.title}</h2>
      <ExceptionTable locale={locale} rows={exceptions} by="student" readOnly={archived} />
      {!archived && <ExceptionForm locale={locale} taskId={task.id} choices={students.map((s) => ({ id: s.id, label: `${s.name} (${s.email})` }))} />}
      <h2 className="text-lg font-semibold">{t.instructor.overview}</h2>
      <OverviewCharts locale={locale} overview={overview} taskId={task.id} />
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
