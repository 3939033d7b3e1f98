-- AlterTable
ALTER TABLE "SurveyRun" ADD COLUMN "closedAt" DATETIME;
ALTER TABLE "SurveyRun" ADD COLUMN "code" TEXT;
ALTER TABLE "SurveyRun" ADD COLUMN "remindAfter" INTEGER;
ALTER TABLE "SurveyRun" ADD COLUMN "remindAt" DATETIME;
ALTER TABLE "SurveyRun" ADD COLUMN "remindedAt" DATETIME;
ALTER TABLE "SurveyRun" ADD COLUMN "sendAt" DATETIME;
ALTER TABLE "SurveyRun" ADD COLUMN "sentAt" DATETIME;

-- CreateTable
CREATE TABLE "SurveyToken" (
    "runId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "status" TEXT NOT NULL,

    PRIMARY KEY ("runId", "token")
);

-- CreateIndex
CREATE INDEX "SurveyToken_runId_status_idx" ON "SurveyToken"("runId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRun_code_key" ON "SurveyRun"("code");

