-- CreateTable
CREATE TABLE "finding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "firstWeek" TEXT NOT NULL,
    "lastWeek" TEXT NOT NULL,
    "clearedWeek" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "detail" TEXT NOT NULL,
    "channelId" TEXT,
    "threadTs" TEXT,
    "dismissedReason" TEXT,
    "dismissedById" TEXT,
    "dismissedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "finding_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "finding_workspaceId_clearedWeek_idx" ON "finding"("workspaceId", "clearedWeek");

-- CreateIndex
CREATE UNIQUE INDEX "finding_workspaceId_key_firstWeek_key" ON "finding"("workspaceId", "key", "firstWeek");
