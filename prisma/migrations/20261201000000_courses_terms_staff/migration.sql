-- Several courses and terms per instructor: a course's term, archiving (read-only, data kept),
-- where a clone came from, and who its staff are.
ALTER TABLE "Course" ADD COLUMN "term" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Course" ADD COLUMN "archivedAt" DATETIME;
ALTER TABLE "Course" ADD COLUMN "clonedFromId" TEXT;

-- A membership is a student's or an instructor's. Instructors used to be enrolled in every
-- course with plain enrollments: those become staff memberships of the same courses.
ALTER TABLE "Enrollment" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'student';
UPDATE "Enrollment" SET "role" = 'instructor' WHERE "userId" IN (SELECT "id" FROM "User" WHERE "role" = 'instructor');

CREATE INDEX "Enrollment_courseId_role_idx" ON "Enrollment"("courseId", "role");
