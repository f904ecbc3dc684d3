-- AlterTable
ALTER TABLE "lead" ADD COLUMN "claimedAt" DATETIME;
