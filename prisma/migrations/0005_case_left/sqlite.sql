-- AlterTable
ALTER TABLE "HelpCase" ADD COLUMN "leftAt" DATETIME;

