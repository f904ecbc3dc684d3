-- AlterTable
ALTER TABLE "action_item" ADD COLUMN     "conclusion" TEXT,
ADD COLUMN     "result" TEXT;
