-- Failed logins are counted per (address, account) pair, no longer per account alone.
-- DropIndex
DROP INDEX "LoginAttempt_email_createdAt_idx";

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_email_createdAt_idx" ON "LoginAttempt"("ip", "email", "createdAt");
