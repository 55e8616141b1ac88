/**
 * What of a grading result a student may see. The grader already keeps test targets and
 * labels out of its results; this is the web side's own guard, for what a result still
 * holds that only instructors may read:
 *  - the private leaderboard score, until the task's deadline reveals it;
 *  - chart predictions from before charts used a public series (older stored results hold
 *    hidden test targets there): dropped unless the result says they are public.
 * Instructors get the result as it is.
 */
import type { GradeResult } from "../../grader/result";

export function resultForStudent(result: GradeResult, opts: { leaderboardRevealed: boolean }): GradeResult {
  const publicPredictions = result.predictionSource === "public-series";
  return {
    ...result,
    predictions: publicPredictions ? result.predictions : {},
    leaderboard: result.leaderboard && { ...result.leaderboard, private: opts.leaderboardRevealed ? result.leaderboard.private : null },
  };
}

/** The private part of a leaderboard is revealed once the task's deadline has passed. */
export function leaderboardRevealed(task: { dueAt: Date | null }, now = new Date()): boolean {
  return task.dueAt != null && now > task.dueAt;
}
