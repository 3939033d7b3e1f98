-- CreateTable
CREATE TABLE "CaseMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "operatorId" TEXT,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "messageId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "relayedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "operatorId" TEXT,
    "detail" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "chatKey" TEXT NOT NULL,
    "chatCipher" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "fromCipher" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "caseId" TEXT,
    "contactId" TEXT,
    "purpose" TEXT,
    "operatorId" TEXT,
    "sentMessageId" INTEGER,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "Shift" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "operatorId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Invitation" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "role" TEXT NOT NULL,
    "pseudonym" TEXT,
    "languages" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "operatorId" TEXT
);

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
    "blockedAt" DATETIME
);
INSERT INTO "new_HelpCase" ("code", "contactId", "conversationId", "createdAt", "id", "language", "level", "source", "status", "summary", "trigger") SELECT "code", "contactId", "conversationId", "createdAt", "id", "language", "level", "source", "status", "summary", "trigger" FROM "HelpCase";
DROP TABLE "HelpCase";
ALTER TABLE "new_HelpCase" RENAME TO "HelpCase";
CREATE UNIQUE INDEX "HelpCase_code_key" ON "HelpCase"("code");
CREATE INDEX "HelpCase_status_createdAt_idx" ON "HelpCase"("status", "createdAt");
CREATE INDEX "HelpCase_status_escalateAt_idx" ON "HelpCase"("status", "escalateAt");
CREATE INDEX "HelpCase_contactId_idx" ON "HelpCase"("contactId");
CREATE INDEX "HelpCase_operatorId_status_idx" ON "HelpCase"("operatorId", "status");
CREATE TABLE "new_Operator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "telegramId" TEXT NOT NULL,
    "pseudonym" TEXT,
    "role" TEXT NOT NULL,
    "languages" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "presence" TEXT,
    "onShift" BOOLEAN NOT NULL DEFAULT false,
    "activeCaseId" TEXT
);
INSERT INTO "new_Operator" ("createdAt", "id", "languages", "pseudonym", "role", "skills", "telegramId") SELECT "createdAt", "id", "languages", "pseudonym", "role", "skills", "telegramId" FROM "Operator";
DROP TABLE "Operator";
ALTER TABLE "new_Operator" RENAME TO "Operator";
CREATE UNIQUE INDEX "Operator_telegramId_key" ON "Operator"("telegramId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CaseMessage_caseId_id_idx" ON "CaseMessage"("caseId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CaseMessage_caseId_author_messageId_key" ON "CaseMessage"("caseId", "author", "messageId");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_at_idx" ON "CaseEvent"("caseId", "at");

-- CreateIndex
CREATE INDEX "CaseEvent_at_idx" ON "CaseEvent"("at");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");

-- CreateIndex
CREATE INDEX "OutboxMessage_chatKey_status_id_idx" ON "OutboxMessage"("chatKey", "status", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_caseId_purpose_idx" ON "OutboxMessage"("caseId", "purpose");

-- CreateIndex
CREATE INDEX "Shift_operatorId_idx" ON "Shift"("operatorId");

