-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('OPEN', 'CLEARED', 'DISMISSED');

-- CreateTable
CREATE TABLE "finding" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "firstWeek" TEXT NOT NULL,
    "lastWeek" TEXT NOT NULL,
    "clearedWeek" TEXT,
    "status" "FindingStatus" NOT NULL DEFAULT 'OPEN',
    "detail" TEXT NOT NULL,
    "channelId" TEXT,
    "threadTs" TEXT,
    "dismissedReason" TEXT,
    "dismissedById" TEXT,
    "dismissedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "finding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "finding_workspaceId_clearedWeek_idx" ON "finding"("workspaceId", "clearedWeek");

-- CreateIndex
CREATE UNIQUE INDEX "finding_workspaceId_key_firstWeek_key" ON "finding"("workspaceId", "key", "firstWeek");

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
