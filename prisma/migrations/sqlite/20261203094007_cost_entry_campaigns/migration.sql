-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_cost_entry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "sourceChannel" TEXT,
    "campaign" TEXT,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cost_entry_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_cost_entry" ("amountMinor", "campaign", "createdAt", "createdById", "currency", "id", "note", "periodEnd", "periodStart", "sourceChannel", "workspaceId") SELECT "amountMinor", "campaign", "createdAt", "createdById", "currency", "id", "note", "periodEnd", "periodStart", "sourceChannel", "workspaceId" FROM "cost_entry";
DROP TABLE "cost_entry";
ALTER TABLE "new_cost_entry" RENAME TO "cost_entry";
CREATE INDEX "cost_entry_workspaceId_sourceChannel_periodStart_idx" ON "cost_entry"("workspaceId", "sourceChannel", "periodStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
