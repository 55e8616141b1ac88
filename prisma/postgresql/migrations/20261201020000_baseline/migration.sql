-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'student',
    "pseudonym" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Course" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "term" TEXT NOT NULL DEFAULT '',
    "joinCode" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "clonedFromId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'student',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("userId","courseId")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "titlePt" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "opensAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3),
    "lateUntil" TIMESTAMP(3),
    "lateCredit" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "maxPerDay" INTEGER,
    "policy" TEXT NOT NULL DEFAULT 'best',
    "leaderboardVisible" BOOLEAN NOT NULL DEFAULT false,
    "overrides" JSON,
    "maxEpochs" INTEGER,
    "checkRules" JSON,
    "taskMaxEpochs" INTEGER NOT NULL DEFAULT 1,
    "taskRuns" INTEGER NOT NULL DEFAULT 1,
    "calibrated" JSON,
    "referenceCurves" JSON,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "fileName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "workerId" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "claims" INTEGER NOT NULL DEFAULT 0,
    "seed" INTEGER,
    "progress" JSON,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GradingResult" (
    "id" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "passed" BOOLEAN NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "maxScore" DOUBLE PRECISION NOT NULL,
    "failureKind" TEXT,
    "failureLine" INTEGER,
    "failureMessage" TEXT,
    "backend" TEXT,
    "tfjsVersion" TEXT,
    "graderVersion" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "profile" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "result" JSON NOT NULL,

    CONSTRAINT "GradingResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckResult" (
    "id" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "points" DOUBLE PRECISION NOT NULL,
    "maxPoints" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "CheckResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" DOUBLE PRECISION,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EpochMetric" (
    "id" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "loss" DOUBLE PRECISION,
    "valLoss" DOUBLE PRECISION,
    "acc" DOUBLE PRECISION,
    "valAcc" DOUBLE PRECISION,
    "ms" INTEGER NOT NULL,

    CONSTRAINT "EpochMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskException" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "lateUntil" TIMESTAMP(3),
    "extraAttempts" INTEGER,
    "lateCredit" DOUBLE PRECISION,
    "grantedById" TEXT,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedById" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "TaskException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimilarityTemplate" (
    "taskId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT NOT NULL,

    CONSTRAINT "SimilarityTemplate_pkey" PRIMARY KEY ("taskId")
);

-- CreateTable
CREATE TABLE "SimilarityAnalysis" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "requestedSignature" TEXT NOT NULL,
    "resultSignature" TEXT,
    "resultBatch" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "runnerId" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "progress" JSON,
    "error" TEXT,
    "fileCount" INTEGER NOT NULL DEFAULT 0,
    "pairCount" INTEGER NOT NULL DEFAULT 0,
    "storedPairs" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER,
    "engine" JSON,

    CONSTRAINT "SimilarityAnalysis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimilarityPair" (
    "id" TEXT NOT NULL,
    "analysisId" TEXT NOT NULL,
    "batch" TEXT NOT NULL,
    "leftSubmissionId" TEXT NOT NULL,
    "rightSubmissionId" TEXT NOT NULL,
    "leftUserId" TEXT NOT NULL,
    "rightUserId" TEXT NOT NULL,
    "similarity" DOUBLE PRECISION NOT NULL,
    "longest" INTEGER NOT NULL,
    "leftCovered" INTEGER NOT NULL,
    "rightCovered" INTEGER NOT NULL,
    "leftTotal" INTEGER NOT NULL,
    "rightTotal" INTEGER NOT NULL,
    "fragments" JSON,

    CONSTRAINT "SimilarityPair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimilarityFlag" (
    "id" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "studentAId" TEXT NOT NULL,
    "studentBId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "byUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SimilarityFlag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Course_slug_key" ON "Course"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Course_joinCode_key" ON "Course"("joinCode");

-- CreateIndex
CREATE INDEX "Enrollment_courseId_role_idx" ON "Enrollment"("courseId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Task_courseId_slug_key" ON "Task"("courseId", "slug");

-- CreateIndex
CREATE INDEX "Submission_status_queuedAt_idx" ON "Submission"("status", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_userId_taskId_attempt_key" ON "Submission"("userId", "taskId", "attempt");

-- CreateIndex
CREATE INDEX "GradingResult_submissionId_current_idx" ON "GradingResult"("submissionId", "current");

-- CreateIndex
CREATE INDEX "CheckResult_resultId_idx" ON "CheckResult"("resultId");

-- CreateIndex
CREATE INDEX "Metric_resultId_idx" ON "Metric"("resultId");

-- CreateIndex
CREATE INDEX "EpochMetric_resultId_idx" ON "EpochMetric"("resultId");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_email_createdAt_idx" ON "LoginAttempt"("ip", "email", "createdAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_createdAt_idx" ON "LoginAttempt"("ip", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE INDEX "Invitation_userId_idx" ON "Invitation"("userId");

-- CreateIndex
CREATE INDEX "TaskException_taskId_userId_revokedAt_idx" ON "TaskException"("taskId", "userId", "revokedAt");

-- CreateIndex
CREATE INDEX "TaskException_userId_idx" ON "TaskException"("userId");

-- CreateIndex
CREATE INDEX "SimilarityAnalysis_status_requestedAt_idx" ON "SimilarityAnalysis"("status", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SimilarityAnalysis_taskId_mode_key" ON "SimilarityAnalysis"("taskId", "mode");

-- CreateIndex
CREATE INDEX "SimilarityPair_analysisId_batch_similarity_idx" ON "SimilarityPair"("analysisId", "batch", "similarity");

-- CreateIndex
CREATE INDEX "SimilarityFlag_taskId_studentAId_studentBId_createdAt_idx" ON "SimilarityFlag"("taskId", "studentAId", "studentBId", "createdAt");

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GradingResult" ADD CONSTRAINT "GradingResult_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckResult" ADD CONSTRAINT "CheckResult_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "GradingResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "GradingResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EpochMetric" ADD CONSTRAINT "EpochMetric_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "GradingResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskException" ADD CONSTRAINT "TaskException_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskException" ADD CONSTRAINT "TaskException_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskException" ADD CONSTRAINT "TaskException_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskException" ADD CONSTRAINT "TaskException_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityTemplate" ADD CONSTRAINT "SimilarityTemplate_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityAnalysis" ADD CONSTRAINT "SimilarityAnalysis_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityPair" ADD CONSTRAINT "SimilarityPair_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "SimilarityAnalysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SimilarityFlag" ADD CONSTRAINT "SimilarityFlag_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

