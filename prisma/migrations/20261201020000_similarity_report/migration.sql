-- The code similarity report (server/similarity): the instructor's template code per task,
-- one analysis per task and mode (computed in the background, kept until its inputs change),
-- its pairs with their matching fragments, and the instructors' flags on pairs of students.
-- New tables only: Task gains relations, no columns.
CREATE TABLE "SimilarityTemplate" (
    "taskId" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT NOT NULL,
    CONSTRAINT "SimilarityTemplate_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "SimilarityAnalysis" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "requestedSignature" TEXT NOT NULL,
    "resultSignature" TEXT,
    "resultBatch" TEXT,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "runnerId" TEXT,
    "heartbeatAt" DATETIME,
    "progress" JSONB,
    "error" TEXT,
    "fileCount" INTEGER NOT NULL DEFAULT 0,
    "pairCount" INTEGER NOT NULL DEFAULT 0,
    "storedPairs" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER,
    "engine" JSONB,
    CONSTRAINT "SimilarityAnalysis_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "SimilarityPair" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "analysisId" TEXT NOT NULL,
    "batch" TEXT NOT NULL,
    "leftSubmissionId" TEXT NOT NULL,
    "rightSubmissionId" TEXT NOT NULL,
    "leftUserId" TEXT NOT NULL,
    "rightUserId" TEXT NOT NULL,
    "similarity" REAL NOT NULL,
    "longest" INTEGER NOT NULL,
    "leftCovered" INTEGER NOT NULL,
    "rightCovered" INTEGER NOT NULL,
    "leftTotal" INTEGER NOT NULL,
    "rightTotal" INTEGER NOT NULL,
    "fragments" JSONB,
    CONSTRAINT "SimilarityPair_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "SimilarityAnalysis" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "SimilarityFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "studentAId" TEXT NOT NULL,
    "studentBId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "byUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SimilarityFlag_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "SimilarityAnalysis_status_requestedAt_idx" ON "SimilarityAnalysis"("status", "requestedAt");

CREATE UNIQUE INDEX "SimilarityAnalysis_taskId_mode_key" ON "SimilarityAnalysis"("taskId", "mode");

CREATE INDEX "SimilarityPair_analysisId_batch_similarity_idx" ON "SimilarityPair"("analysisId", "batch", "similarity");

CREATE INDEX "SimilarityFlag_taskId_studentAId_studentBId_createdAt_idx" ON "SimilarityFlag"("taskId", "studentAId", "studentBId", "createdAt");
