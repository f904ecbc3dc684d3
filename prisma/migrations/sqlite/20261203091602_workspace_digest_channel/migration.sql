-- AlterTable
ALTER TABLE "workspace" ADD COLUMN "digestChannelId" TEXT;
