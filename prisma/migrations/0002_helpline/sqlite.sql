-- AlterTable
ALTER TABLE "Contact" ADD COLUMN "region" TEXT;
ALTER TABLE "Contact" ADD COLUMN "source" TEXT;

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersion" INTEGER NOT NULL,
    "language" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "level" TEXT,
    "outcome" TEXT,
    "reachedPerson" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "HelpCase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "conversationId" TEXT,
    "trigger" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ChatMessage" (
    "contactId" TEXT NOT NULL,
    "messageId" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL,

    PRIMARY KEY ("contactId", "messageId")
);

-- CreateTable
CREATE TABLE "UsageCount" (
    "month" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("month", "flowId", "language", "level", "source")
);

-- CreateIndex
CREATE INDEX "Conversation_contactId_idx" ON "Conversation"("contactId");

-- CreateIndex
CREATE INDEX "Conversation_status_updatedAt_idx" ON "Conversation"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "HelpCase_code_key" ON "HelpCase"("code");

-- CreateIndex
CREATE INDEX "HelpCase_status_createdAt_idx" ON "HelpCase"("status", "createdAt");

-- CreateIndex
CREATE INDEX "HelpCase_contactId_idx" ON "HelpCase"("contactId");

-- CreateIndex
CREATE INDEX "ChatMessage_sentAt_idx" ON "ChatMessage"("sentAt");

