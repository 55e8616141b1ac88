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

export async function leaderboard(taskId: string, viewerId: string, now = new Date()): Promise<Leaderboard> {
  const task = await db.task.findUniqueOrThrow({ where: { id: taskId } });
  const revealed = leaderboardRevealed(task, now);
  const subs = await db.submission.findMany({
    where: { taskId, status: "graded", user: { role: "student" }, ...(task.dueAt && !revealed ? { createdAt: { lte: task.dueAt } } : {}) },
    select: { createdAt: true, user: { select: { id: true, name: true, pseudonym: true } }, results: { where: { current: true }, select: { result: true } } },
    orderBy: { createdAt: "asc" },
  });
  let metric: string | null = null;
  let higherIsBetter = true;
  const best = new Map<string, { row: Omit<LeaderboardRow, "rank">; key: number; at: Date }>();
  for (const s of subs) {
    if (task.dueAt && s.createdAt > task.dueAt) continue; // only work made before the deadline ranks
    const lb = (s.results[0]?.result as unknown as GradeResult | undefined)?.leaderboard;
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
