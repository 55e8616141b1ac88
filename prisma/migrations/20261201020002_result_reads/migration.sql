-- Reads of results on the instructors' pages (bench/load.ts):
-- 1. The leaderboard figures get their own column, filled from each stored result.
-- 2. The table is redefined so that column sits before "result": SQLite reads a row's columns
--    in order, and one behind a result of tens of kilobytes costs a walk through its overflow
--    pages (an added column would go last).
-- 3. The (submissionId, current) index carries the scores too: the gradebook reads a course's
--    current scores from the index alone.

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_GradingResult" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passed" BOOLEAN NOT NULL,
    "score" REAL NOT NULL,
    "maxScore" REAL NOT NULL,
    "failureKind" TEXT,
    "failureLine" INTEGER,
    "failureMessage" TEXT,
    "backend" TEXT,
    "tfjsVersion" TEXT,
    "graderVersion" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "profile" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "leaderboard" JSONB,
    "result" JSONB NOT NULL,
    CONSTRAINT "GradingResult_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_GradingResult" ("id", "submissionId", "current", "createdAt", "passed", "score", "maxScore", "failureKind", "failureLine", "failureMessage", "backend", "tfjsVersion", "graderVersion", "seed", "profile", "durationMs", "leaderboard", "result")
SELECT "id", "submissionId", "current", "createdAt", "passed", "score", "maxScore", "failureKind", "failureLine", "failureMessage", "backend", "tfjsVersion", "graderVersion", "seed", "profile", "durationMs",
       CASE WHEN json_type("result", '$.leaderboard') = 'object' THEN json_extract("result", '$.leaderboard') END,
       "result"
  FROM "GradingResult";
DROP TABLE "GradingResult";
ALTER TABLE "new_GradingResult" RENAME TO "GradingResult";
CREATE INDEX "GradingResult_submissionId_current_score_maxScore_idx" ON "GradingResult"("submissionId", "current", "score", "maxScore");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
