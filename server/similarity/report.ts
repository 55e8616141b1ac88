/**
 * The report as the instructor reads it: the stored pairs of a task's analysis at or above a
 * threshold, most similar first, with the students' names, which submissions were compared
 * and each pair's current flag; and one pair in full for the side-by-side view.
 */
import { z } from "zod";
import { db } from "../db";
import { analysisView, type AnalysisView } from "./analysis-jobs";
import { currentFlags, flagHistory, pairKey, type FlagRecord } from "./flags";
import type { FragmentRanges } from "./compare-programs";
import type { InputTask, Mode } from "./inputs";

/** The threshold as a percentage in the page's address (?min=70); 50 when missing or wrong. */
export const DEFAULT_MIN_PERCENT = 50;
export const minPercentInput = z.coerce.number().int().min(0).max(100).catch(DEFAULT_MIN_PERCENT);
/** Rows the page lists; the CSV has them all. */
export const PAGE_ROWS = 200;

export interface PairSide {
  userId: string;
  name: string;
  email: string;
  submissionId: string;
  attempt: number | null;
}

export interface ReportPair {
  id: string;
  similarity: number;
  longest: number;
  left: PairSide;
  right: PairSide;
  flag: FlagRecord | null;
}

export interface SimilarityReport {
  analysis: AnalysisView;
  pairs: ReportPair[];
  /** Stored pairs at or above the threshold (the page may list fewer). */
  above: number;
}

async function sides(rows: { leftUserId: string; rightUserId: string; leftSubmissionId: string; rightSubmissionId: string }[]) {
  const userIds = [...new Set(rows.flatMap((r) => [r.leftUserId, r.rightUserId]))];
  const subIds = [...new Set(rows.flatMap((r) => [r.leftSubmissionId, r.rightSubmissionId]))];
  const [users, subs] = await Promise.all([
    db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    db.submission.findMany({ where: { id: { in: subIds } }, select: { id: true, attempt: true } }),
  ]);
  const user = new Map(users.map((u) => [u.id, u]));
  const attempt = new Map(subs.map((s) => [s.id, s.attempt]));
  return (userId: string, submissionId: string): PairSide => ({
    userId,
    name: user.get(userId)?.name ?? "—",
    email: user.get(userId)?.email ?? "",
    submissionId,
    attempt: attempt.get(submissionId) ?? null,
  });
}

/** The pairs at or above `min` (0..1); `limit` rows at most (all when omitted). */
export async function similarityReport(task: InputTask, mode: Mode, opts: { min: number; limit?: number }): Promise<SimilarityReport> {
  const analysis = await analysisView(task, mode);
  if (!analysis.id || !analysis.batch) return { analysis, pairs: [], above: 0 };
  const where = { analysisId: analysis.id, batch: analysis.batch, similarity: { gte: opts.min } };
  const [rows, above, flags] = await Promise.all([
    db.similarityPair.findMany({
      where,
      orderBy: [{ similarity: "desc" }, { longest: "desc" }, { id: "asc" }],
      take: opts.limit,
      select: { id: true, similarity: true, longest: true, leftUserId: true, rightUserId: true, leftSubmissionId: true, rightSubmissionId: true },
    }),
    db.similarityPair.count({ where }),
    currentFlags(task.id),
  ]);
  const side = await sides(rows);
  return {
    analysis,
    above,
    pairs: rows.map((r) => ({
      id: r.id,
      similarity: r.similarity,
      longest: r.longest,
      left: side(r.leftUserId, r.leftSubmissionId),
      right: side(r.rightUserId, r.rightSubmissionId),
      flag: flags.get(pairKey(r.leftUserId, r.rightUserId)) ?? null,
    })),
  };
}

export interface PairDetail extends ReportPair {
  mode: Mode;
  leftCode: string;
  rightCode: string;
  leftCovered: number;
  rightCovered: number;
  leftTotal: number;
  rightTotal: number;
  /** Null for a pair past the most similar ones that get fragments. */
  fragments: FragmentRanges[] | null;
  history: FlagRecord[];
}

/** One stored pair of the task, with both programs and the flag history; null if not the task's. */
export async function pairDetail(taskId: string, pairId: string): Promise<PairDetail | null> {
  if (!z.string().min(1).max(100).safeParse(pairId).success) return null;
  const pair = await db.similarityPair.findFirst({ where: { id: pairId, analysis: { taskId } }, include: { analysis: { select: { mode: true } } } });
  if (!pair) return null;
  const [codes, side, history] = await Promise.all([
    db.submission.findMany({ where: { id: { in: [pair.leftSubmissionId, pair.rightSubmissionId] } }, select: { id: true, code: true } }),
    sides([pair]),
    flagHistory(taskId, pair.leftUserId, pair.rightUserId),
  ]);
  const code = new Map(codes.map((c) => [c.id, c.code]));
  return {
    id: pair.id,
    mode: pair.analysis.mode as Mode,
    similarity: pair.similarity,
    longest: pair.longest,
    left: side(pair.leftUserId, pair.leftSubmissionId),
    right: side(pair.rightUserId, pair.rightSubmissionId),
    flag: history[0] && history[0].status !== "cleared" ? history[0] : null,
    leftCode: code.get(pair.leftSubmissionId) ?? "",
    rightCode: code.get(pair.rightSubmissionId) ?? "",
    leftCovered: pair.leftCovered,
    rightCovered: pair.rightCovered,
    leftTotal: pair.leftTotal,
    rightTotal: pair.rightTotal,
    fragments: pair.fragments as FragmentRanges[] | null,
    history,
  };
}
