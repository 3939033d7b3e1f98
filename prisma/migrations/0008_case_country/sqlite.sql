-- AlterTable
ALTER TABLE "HelpCase" ADD COLUMN "country" TEXT;

