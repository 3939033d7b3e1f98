-- AlterTable
ALTER TABLE "HelpCase" ADD COLUMN     "leftAt" TIMESTAMP(3);

