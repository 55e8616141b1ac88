-- A login attempt is stored before its password is checked and judged by the attempts stored
-- before it: the id becomes an increasing integer that gives that order. Attempts stored so
-- far keep their order by time.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LoginAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_LoginAttempt" ("email", "ip", "createdAt") SELECT "email", "ip", "createdAt" FROM "LoginAttempt" ORDER BY "createdAt";
DROP TABLE "LoginAttempt";
ALTER TABLE "new_LoginAttempt" RENAME TO "LoginAttempt";
CREATE INDEX "LoginAttempt_ip_email_createdAt_idx" ON "LoginAttempt"("ip", "email", "createdAt");
CREATE INDEX "LoginAttempt_ip_createdAt_idx" ON "LoginAttempt"("ip", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
