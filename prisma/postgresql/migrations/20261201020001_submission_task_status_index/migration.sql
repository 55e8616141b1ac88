-- CreateIndex
CREATE INDEX "Submission_taskId_status_createdAt_idx" ON "Submission"("taskId", "status", "createdAt");
