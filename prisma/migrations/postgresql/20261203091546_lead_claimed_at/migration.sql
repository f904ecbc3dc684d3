-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "claimedAt" TIMESTAMP(3);
