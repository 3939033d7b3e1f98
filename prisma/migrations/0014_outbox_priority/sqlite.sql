-- Each message has its turn among every chat's messages (when it was written plus how
-- long its priority gives way to more urgent ones). Edited by hand: the messages still
-- waiting were all the helpline's, and take their turn when they were written, so that
-- they keep their order.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
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
    "turnAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "purpose" TEXT,
    "topic" TEXT,
    "recipientId" TEXT,
    "sentMessageId" INTEGER,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);
INSERT INTO "new_OutboxMessage" ("attempts", "chatCipher", "chatKey", "createdAt", "dedupeKey", "error", "fromCipher", "id", "leaseUntil", "method", "notBefore", "turnAt", "payload", "purpose", "recipientId", "sentAt", "sentMessageId", "status", "topic") SELECT "attempts", "chatCipher", "chatKey", "createdAt", "dedupeKey", "error", "fromCipher", "id", "leaseUntil", "method", "notBefore", "createdAt", "payload", "purpose", "recipientId", "sentAt", "sentMessageId", "status", "topic" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");
CREATE INDEX "OutboxMessage_chatKey_status_id_idx" ON "OutboxMessage"("chatKey", "status", "id");
CREATE INDEX "OutboxMessage_topic_purpose_idx" ON "OutboxMessage"("topic", "purpose");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

