-- AlterTable
ALTER TABLE "action_item" ADD COLUMN     "findingId" INTEGER,
ADD COLUMN     "metricKey" TEXT;
