-- AlterTable
ALTER TABLE "workspace" ADD COLUMN     "alignmentChannelId" TEXT,
ADD COLUMN     "poolAfterDays" INTEGER;

-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "pooledAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "lead_workspaceId_pooledAt_idx" ON "lead"("workspaceId", "pooledAt");
