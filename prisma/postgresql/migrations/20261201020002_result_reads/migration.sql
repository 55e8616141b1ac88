-- Reads of results on the instructors' pages (bench/load.ts):
-- 1. The leaderboard figures get their own column, filled from each stored result (the
--    result itself is TOASTed out of line, so the column's place in the row does not matter).
-- 2. The (submissionId, current) index carries the scores too.

-- AlterTable
ALTER TABLE "GradingResult" ADD COLUMN     "leaderboard" JSON;

UPDATE "GradingResult" SET "leaderboard" = "result" -> 'leaderboard'
 WHERE json_typeof("result" -> 'leaderboard') = 'object';

-- DropIndex
DROP INDEX "GradingResult_submissionId_current_idx";

-- CreateIndex
CREATE INDEX "GradingResult_submissionId_current_score_maxScore_idx" ON "GradingResult"("submissionId", "current", "score", "maxScore");
