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

export async function leaderboard(taskId: string, viewerId: string, now = new Date()): Promise<Leaderboard> {
  const task = await db.task.findUniqueOrThrow({ where: { id: taskId }, select: { dueAt: true } });
  const revealed = leaderboardRevealed(task, now);
  const subs = await rankedSubmissions(taskId);
  let metric: string | null = null;
  let higherIsBetter = true;
  const best = new Map<string, { row: Omit<LeaderboardRow, "rank">; key: number; at: Date }>();
  for (const s of subs) {
    if (task.dueAt && s.createdAt > task.dueAt) continue; // only work made before the deadline ranks
    const lb = s.figures;
    if (!lb || lb.public == null) continue;
    metric = lb.metric;
    higherIsBetter = lb.higherIsBetter;
    const key = revealed ? (lb.private ?? lb.public) : lb.public;
    const signed = higherIsBetter ? key : -key;
    const prev = best.get(s.userId);
    if (!prev || signed > prev.key) {
      best.set(s.userId, {
        key: signed,
        at: s.createdAt,
        row: { name: s.pseudonym || s.name, isYou: s.userId === viewerId, publicScore: lb.public, privateScore: revealed ? lb.private : null, submittedAt: s.createdAt.toISOString() },
      });
    }
  }
  const ordered = [...best.values()].sort((a, b) => b.key - a.key || a.at.getTime() - b.at.getTime());
  return { metric, higherIsBetter, revealed, rows: ordered.map((e, i) => ({ rank: i + 1, ...e.row })) };
}

interface RankedSubmission { createdAt: Date; userId: string; name: string; pseudonym: string | null; figures: Figures | null }

/**
 * A task's graded submissions by students, oldest first, each with its current result's
 * leaderboard figures, in one statement. The figures come from their own column, stored with
 * the result: the whole results they sit in are tens of kilobytes each, and reading and parsing
 * a 300-student task's held a web process for a second (bench/load.ts). The deadline is applied
 * by the caller, on Dates: SQLite keeps them as text. Identifiers quoted for PostgreSQL.
 */
async function rankedSubmissions(taskId: string): Promise<RankedSubmission[]> {
  const rows = await db.$queryRaw<{ createdAt: Date | string; userId: string; name: string; pseudonym: string | null; leaderboard: unknown }[]>`
    SELECT s."createdAt", u."id" AS "userId", u."name", u."pseudonym", r."leaderboard"
      FROM "Submission" s
      JOIN "User" u ON u."id" = s."userId" AND u."role" = 'student'
      JOIN "GradingResult" r ON r."submissionId" = s."id" AND r."current" = ${true}
     WHERE s."taskId" = ${taskId} AND s."status" = 'graded'
     ORDER BY s."createdAt" ASC, s."id" ASC`;
  return rows.map(({ leaderboard, ...r }) => ({ ...r, createdAt: new Date(r.createdAt), figures: parseFigures(leaderboard) }));
}

/** A raw JSON column arrives as text from SQLite and as a value from PostgreSQL. */
function parseFigures(value: unknown): Figures | null {
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return parsed && typeof parsed === "object" ? (parsed as Figures) : null;
}
