import { notFound, redirect } from "next/navigation";
import { metricLabel } from "@/i18n/grading-terms";
import { getDictionary } from "@/i18n/locale";
import { currentUser } from "@/server/auth";
import { courseLabel } from "@/server/courses/course-label";
import { taskForMember } from "@/server/courses/task-list";
import { leaderboard } from "@/server/instructor/leaderboard";

export const dynamic = "force-dynamic";

/** A task's leaderboard in one course: members of that course only, its students when the instructors opened it. */
export default async function LeaderboardPage({ params }: { params: Promise<{ courseId: string; slug: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { courseId, slug } = await params;
  const found = await taskForMember(user, courseId, slug);
  if (!found) notFound();
  const { task, staff } = found;
  const { locale, t } = await getDictionary();
  const title = locale === "en" ? task.titleEn : task.titlePt;
  if (!task.leaderboardVisible && !staff) {
    return (
      <section className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.leaderboard.title({ task: title })}</h1>
        <p className="text-sm text-slate-600" data-testid="task-course">{courseLabel(task.course)}</p>
        <p>{t.leaderboard.hidden}</p>
      </section>
    );
  }
  const board = await leaderboard(task.id, user.id);
  // Four significant digits, enough to tell close scores apart, in the reader's number format.
  const digits = new Intl.NumberFormat(locale, { maximumSignificantDigits: 4, useGrouping: false });
  const fmt = (v: number | null) => (v == null ? "—" : digits.format(v));
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">{t.leaderboard.title({ task: title })}</h1>
      <p className="text-sm text-slate-600" data-testid="task-course">{courseLabel(task.course)}</p>
      <p className="text-sm text-slate-600">{board.revealed ? t.leaderboard.after : t.leaderboard.before}</p>
      {board.metric && <p className="text-sm">{t.leaderboard.metric({ metric: metricLabel(board.metric, locale), better: board.higherIsBetter ? t.leaderboard.higher : t.leaderboard.lower })}</p>}
      {board.rows.length === 0 ? <p>{t.leaderboard.empty}</p> : (
        <table className="w-full rounded-lg border border-slate-200 bg-white text-left text-sm" data-testid="leaderboard">
          <thead className="bg-slate-100">
            <tr>
              <th className="px-3 py-2">{t.leaderboard.rank}</th>
              <th className="px-3 py-2">{t.leaderboard.name}</th>
              <th className="px-3 py-2">{t.leaderboard.public}</th>
              {board.revealed && <th className="px-3 py-2">{t.leaderboard.private}</th>}
            </tr>
          </thead>
          <tbody>
            {board.rows.map((r) => (
              <tr key={r.rank} className={`border-t border-slate-200 ${r.isYou ? "bg-indigo-50" : ""}`}>
                <td className="px-3 py-2">{r.rank}</td>
                <td className="px-3 py-2">{r.name}{r.isYou ? ` (${t.leaderboard.you})` : ""}</td>
                <td className="px-3 py-2 font-mono">{fmt(r.publicScore)}</td>
                {board.revealed && <td className="px-3 py-2 font-mono">{fmt(r.privateScore)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
