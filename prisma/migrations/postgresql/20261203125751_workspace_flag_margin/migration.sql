-- AlterTable
ALTER TABLE "workspace" ADD COLUMN     "flagMarginPoints" INTEGER NOT NULL DEFAULT 10;
