-- AlterTable
ALTER TABLE "SurveyResponse" ADD COLUMN     "asked" TEXT,
ADD COLUMN     "paperRef" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_runId_paperRef_key" ON "SurveyResponse"("runId", "paperRef");

