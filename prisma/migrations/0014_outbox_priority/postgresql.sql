-- Each message has its turn among every chat's messages (when it was written plus how
-- long its priority gives way to more urgent ones). Edited by hand: the messages still
-- waiting were all the helpline's, and take their turn when they were written, so that
-- they keep their order.
ALTER TABLE "OutboxMessage" ADD COLUMN "turnAt" TIMESTAMP(3);
UPDATE "OutboxMessage" SET "turnAt" = "createdAt";
ALTER TABLE "OutboxMessage" ALTER COLUMN "turnAt" SET NOT NULL;
