-- AlterTable
ALTER TABLE "SurveyRun" ADD COLUMN "wording" TEXT;

-- AlterTable
ALTER TABLE "SurveyResponse" ADD COLUMN "orgType" TEXT;
ALTER TABLE "SurveyResponse" ADD COLUMN "region" TEXT;

