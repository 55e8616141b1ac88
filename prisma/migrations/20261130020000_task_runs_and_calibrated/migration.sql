-- What the web app needs of a task's spec for grades over N runs and calibrated statements,
-- synced at start like checkRules: the runs a grade is the median of (full profile) and the
-- calibrated checks with their metric and direction.
ALTER TABLE "Task" ADD COLUMN "taskRuns" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Task" ADD COLUMN "calibrated" JSONB;
