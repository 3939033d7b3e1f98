-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "namesShown" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "publicCode" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Event_publicCode_key" ON "Event"("publicCode");

