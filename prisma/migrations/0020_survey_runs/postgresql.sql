-- AlterTable
ALTER TABLE "SurveyRun" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "code" TEXT,
ADD COLUMN     "remindAfter" INTEGER,
ADD COLUMN     "remindAt" TIMESTAMP(3),
ADD COLUMN     "remindedAt" TIMESTAMP(3),
ADD COLUMN     "sendAt" TIMESTAMP(3),
ADD COLUMN     "sentAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SurveyToken" (
    "runId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "status" TEXT NOT NULL,

    CONSTRAINT "SurveyToken_pkey" PRIMARY KEY ("runId","token")
);

-- CreateIndex
CREATE INDEX "SurveyToken_runId_status_idx" ON "SurveyToken"("runId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRun_code_key" ON "SurveyRun"("code");

