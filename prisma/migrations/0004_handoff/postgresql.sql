-- AlterTable
ALTER TABLE "HelpCase" ADD COLUMN     "ageBand" TEXT NOT NULL DEFAULT 'unknown',
ADD COLUMN     "blockedAt" TIMESTAMP(3),
ADD COLUMN     "chatEndedAt" TIMESTAMP(3),
ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "escalateAt" TIMESTAMP(3),
ADD COLUMN     "escalation" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "operatorId" TEXT,
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "pagedAt" TIMESTAMP(3),
ADD COLUMN     "referral" TEXT;

-- AlterTable
ALTER TABLE "Operator" ADD COLUMN     "activeCaseId" TEXT,
ADD COLUMN     "onShift" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "presence" TEXT;

-- CreateTable
CREATE TABLE "CaseMessage" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "operatorId" TEXT,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "messageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "relayedAt" TIMESTAMP(3),

    CONSTRAINT "CaseMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "operatorId" TEXT,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "chatKey" TEXT NOT NULL,
    "chatCipher" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "fromCipher" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "caseId" TEXT,
    "contactId" TEXT,
    "purpose" TEXT,
    "operatorId" TEXT,
    "sentMessageId" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shift" (
    "id" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "start" TEXT NOT NULL,
    "end" TEXT NOT NULL,

    CONSTRAINT "Shift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invitation" (
    "tokenHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "pseudonym" TEXT,
    "languages" TEXT NOT NULL,
    "skills" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "operatorId" TEXT,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("tokenHash")
);

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

-- CreateIndex
CREATE INDEX "HelpCase_status_escalateAt_idx" ON "HelpCase"("status", "escalateAt");

-- CreateIndex
CREATE INDEX "HelpCase_operatorId_status_idx" ON "HelpCase"("operatorId", "status");

