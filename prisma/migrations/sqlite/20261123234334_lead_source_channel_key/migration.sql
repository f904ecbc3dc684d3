-- AlterTable
ALTER TABLE "lead" ADD COLUMN "sourceChannelKey" TEXT;

-- CreateIndex
CREATE INDEX "lead_workspaceId_sourceChannelKey_idx" ON "lead"("workspaceId", "sourceChannelKey");
