-- AlterTable
ALTER TABLE "workspace" ADD COLUMN "alignmentChannelId" TEXT;
ALTER TABLE "workspace" ADD COLUMN "poolAfterDays" INTEGER;

-- AlterTable
ALTER TABLE "lead" ADD COLUMN "pooledAt" DATETIME;

-- CreateIndex
CREATE INDEX "lead_workspaceId_pooledAt_idx" ON "lead"("workspaceId", "pooledAt");
