-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Task" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "titlePt" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "opensAt" DATETIME,
    "dueAt" DATETIME,
    "lateUntil" DATETIME,
    "lateCredit" REAL NOT NULL DEFAULT 1,
    "maxPerDay" INTEGER,
    "policy" TEXT NOT NULL DEFAULT 'best',
    "leaderboardVisible" BOOLEAN NOT NULL DEFAULT false,
    "overrides" JSONB,
    "maxEpochs" INTEGER,
    "checkRules" JSONB,
    "taskMaxEpochs" INTEGER NOT NULL DEFAULT 1,
    "referenceCurves" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Task_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Task" ("courseId", "createdAt", "dueAt", "id", "lateCredit", "lateUntil", "leaderboardVisible", "maxPerDay", "opensAt", "overrides", "policy", "position", "slug", "titleEn", "titlePt") SELECT "courseId", "createdAt", "dueAt", "id", "lateCredit", "lateUntil", "leaderboardVisible", "maxPerDay", "opensAt", "overrides", "policy", "position", "slug", "titleEn", "titlePt" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE UNIQUE INDEX "Task_courseId_slug_key" ON "Task"("courseId", "slug");
CREATE TABLE "new_Submission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "fileName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "workerId" TEXT,
    "heartbeatAt" DATETIME,
    "claims" INTEGER NOT NULL DEFAULT 0,
    "seed" INTEGER,
    "progress" JSONB,
    CONSTRAINT "Submission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Submission_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Existing submissions keep their place: they joined the queue when they were handed in.
INSERT INTO "new_Submission" ("attempt", "claims", "code", "createdAt", "fileName", "finishedAt", "heartbeatAt", "id", "progress", "startedAt", "status", "taskId", "userId", "workerId", "queuedAt") SELECT "attempt", "claims", "code", "createdAt", "fileName", "finishedAt", "heartbeatAt", "id", "progress", "startedAt", "status", "taskId", "userId", "workerId", "createdAt" FROM "Submission";
DROP TABLE "Submission";
ALTER TABLE "new_Submission" RENAME TO "Submission";
CREATE INDEX "Submission_status_queuedAt_idx" ON "Submission"("status", "queuedAt");
CREATE UNIQUE INDEX "Submission_userId_taskId_attempt_key" ON "Submission"("userId", "taskId", "attempt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

