-- AlterTable
ALTER TABLE "action_item" ADD COLUMN "findingId" INTEGER;
ALTER TABLE "action_item" ADD COLUMN "metricKey" TEXT;
