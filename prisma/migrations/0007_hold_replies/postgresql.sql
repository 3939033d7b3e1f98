-- AlterTable
ALTER TABLE "HelpCase" ADD COLUMN     "holdUntilPersonWrites" BOOLEAN NOT NULL DEFAULT false;

