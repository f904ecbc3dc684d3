-- AlterTable
ALTER TABLE "action_item" ADD COLUMN "conclusion" TEXT;
ALTER TABLE "action_item" ADD COLUMN "result" TEXT;
