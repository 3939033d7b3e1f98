-- The outbox serves every area: what a message is about (a case, an event) and who
-- it goes to are named generally. Written by hand: the columns are renamed, never
-- dropped and added again, so that the messages still waiting keep them.
ALTER TABLE "OutboxMessage" RENAME COLUMN "caseId" TO "topic";
ALTER TABLE "OutboxMessage" RENAME COLUMN "contactId" TO "recipientId";
DROP INDEX "OutboxMessage_caseId_purpose_idx";
CREATE INDEX "OutboxMessage_topic_purpose_idx" ON "OutboxMessage"("topic", "purpose");

-- A case card is found by the chat it went to: the operator's id is not needed.
ALTER TABLE "OutboxMessage" DROP COLUMN "operatorId";

-- Every message has a purpose, whose area's rules apply to it: the helpline's
-- messages were a card (or a retired card), about a case, or about a shift.
UPDATE "OutboxMessage" SET "purpose" = CASE WHEN "topic" IS NULL THEN 'duty' ELSE 'case' END WHERE "purpose" IS NULL;
