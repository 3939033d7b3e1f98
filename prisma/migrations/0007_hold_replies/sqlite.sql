-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_HelpCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "conversationId" TEXT,
    "trigger" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT,
    "ageBand" TEXT NOT NULL DEFAULT 'unknown',
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "operatorId" TEXT,
    "claimedAt" DATETIME,
    "chatEndedAt" DATETIME,
    "closedAt" DATETIME,
    "outcome" TEXT,
    "referral" TEXT,
    "pagedAt" DATETIME,
    "escalation" INTEGER NOT NULL DEFAULT 0,
    "escalateAt" DATETIME,
    "blockedAt" DATETIME,
    "leftAt" DATETIME,
    "holdUntilPersonWrites" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_HelpCase" ("ageBand", "blockedAt", "chatEndedAt", "claimedAt", "closedAt", "code", "contactId", "conversationId", "createdAt", "escalateAt", "escalation", "id", "language", "leftAt", "level", "operatorId", "outcome", "pagedAt", "referral", "source", "status", "summary", "trigger") SELECT "ageBand", "blockedAt", "chatEndedAt", "claimedAt", "closedAt", "code", "contactId", "conversationId", "createdAt", "escalateAt", "escalation", "id", "language", "leftAt", "level", "operatorId", "outcome", "pagedAt", "referral", "source", "status", "summary", "trigger" FROM "HelpCase";
DROP TABLE "HelpCase";
ALTER TABLE "new_HelpCase" RENAME TO "HelpCase";
CREATE UNIQUE INDEX "HelpCase_code_key" ON "HelpCase"("code");
CREATE INDEX "HelpCase_status_createdAt_idx" ON "HelpCase"("status", "createdAt");
CREATE INDEX "HelpCase_status_escalateAt_idx" ON "HelpCase"("status", "escalateAt");
CREATE INDEX "HelpCase_contactId_idx" ON "HelpCase"("contactId");
CREATE INDEX "HelpCase_operatorId_status_idx" ON "HelpCase"("operatorId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

