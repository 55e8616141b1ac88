/**
 * A task's leaderboard, Kaggle-style: before the deadline every student's best submission
 * ranks by the public part of the hidden test set; after it, the private part is revealed
 * and ranks. Ties go to the earlier submission. Students appear under their pseudonym when
 * they chose one.
 */
import type { GradeResult } from "../../grader/result";
import { db } from "../db";
import { leaderboardRevealed } from "../submissions/student-view";

export interface LeaderboardRow {
  rank: number;
  name: string;
  isYou: boolean;
  publicScore: number | null;
  privateScore: number | null;
  submittedAt: string;
}

export interface Leaderboard {
  metric: string | null;
  higherIsBetter: boolean;
  revealed: boolean;
  rows: LeaderboardRow[];
}

type Figures = NonNullable<GradeResult["leaderboard"]>;

/**
 * Each result's leaderboard figures, by result id. They sit inside the stored result's JSON
 * (tens of kilobytes: curves, predictions), and a task's leaderboard reads every graded
 * submission's: read and parsed on every page load, a 300-student class's leaderboard took
 * seconds (bench/load.ts). A result is never rewritten once stored (a regrade adds a new one;
 * only `current` moves), so its figures are kept here by id and only results not seen before
 * are read. Every process keeps its own, so any web host answers the same.
 */
const figuresById = new Map<string, Figures | null>();
/** Enough for every result of a few large courses; past it the oldest entries go. */
const MAX_CACHED_FIGURES = 200_000;
const IDS_PER_READ = 500;

async function leaderboardFigures(resultIds: string[]): Promise<Map<string, Figures | null>> {
  const missing = resultIds.filter((id) => !figuresById.has(id));
  for (let i = 0; i < missing.length; i += IDS_PER_READ) {
    const rows = await db.gradingResult.findMany({ where: { id: { in: missing.slice(i, i + IDS_PER_READ) } }, select: { id: true, result: true } });
    for (const row of rows) figuresById.set(row.id, (row.result as unknown as GradeResult | null)?.leaderboard ?? null);
  }
  while (figuresById.size > MAX_CACHED_FIGURES) figuresById.delete(figuresById.keys().next().value!);
  return new Map(resultIds.map((id) => [id, figuresById.get(id) ?? null]));
}

export async function leaderboard(taskId: string, viewerId: string, now = new Date()): Promise<Leaderboard> {
  const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
  const revealed = leaderboardRevealed(task, now);
  const subs = await db.submission.findMany({
    where: { taskId, status: "graded", user: { role: "student" }, ...(task.dueAt && !revealed ? { createdAt: { lte: task.dueAt } } : {}) },
    select: { createdAt: true, user: { select: { id: true, name: true, pseudonym: true } }, results: { where: { current: true }, select: { id: true } } },
    orderBy: { createdAt: "asc" },
  });
  const figures = await leaderboardFigures(subs.flatMap((s) => (s.results[0] ? [s.results[0].id] : [])));
  let metric: string | null = null;
  let higherIsBetter = true;
  const best = new Map<string, { row: Omit<LeaderboardRow, "rank">; key: number; at: Date }>();
  for (const s of subs) {
    if (task.dueAt && s.createdAt > task.dueAt) continue; // only work made before the deadline ranks
    const lb = s.results[0] && figures.get(s.results[0].id);
    if (!lb || lb.public == null) continue;
    metric = lb.metric;
    higherIsBetter = lb.higherIsBetter;
    const key = revealed ? (lb.private ?? lb.public) : lb.public;
    const signed = higherIsBetter ? key : -key;
    const prev = best.get(s.user.id);
    if (!prev || signed > prev.key) {
      best.set(s.user.id, {
        key: signed,
        at: s.createdAt,
        row: { name: s.user.pseudonym || s.user.name, isYou: s.user.id === viewerId, publicScore: lb.public, privateScore: revealed ? lb.private : null, submittedAt: s.createdAt.toISOString() },
      });
    }
  }
  const ordered = [...best.values()].sort((a, b) => b.key - a.key || a.at.getTime() - b.at.getTime());
  return { metric, higherIsBetter, revealed, rows: ordered.map((e, i) => ({ rank: i + 1, ...e.row })) };
}
