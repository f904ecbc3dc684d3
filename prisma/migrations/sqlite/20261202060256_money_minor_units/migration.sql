-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "nativeCharts" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_workspace" ("createdAt", "id", "locale", "name", "nativeCharts", "timeZone", "updatedAt") SELECT "createdAt", "id", "locale", "name", "nativeCharts", "timeZone", "updatedAt" FROM "workspace";
DROP TABLE "workspace";
ALTER TABLE "new_workspace" RENAME TO "workspace";
CREATE TABLE "new_lead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sourceChannel" TEXT,
    "sourceChannelKey" TEXT,
    "campaign" TEXT,
    "contentAsset" TEXT,
    "customerType" TEXT,
    "industry" TEXT,
    "ownerId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'ACQUIRED',
    "acquiredAt" DATETIME NOT NULL,
    "contactedAt" DATETIME,
    "discoveryAt" DATETIME,
    "proposalAt" DATETIME,
    "negotiationAt" DATETIME,
    "wonAt" DATETIME,
    "lostAt" DATETIME,
    "dealAmountMinor" BIGINT,
    "acquisitionCostMinor" BIGINT,
    "notes" TEXT,
    "budget" TEXT,
    "authority" TEXT,
    "need" TEXT,
    "timeline" TEXT,
    "score" INTEGER,
    "nextFollowUpAt" DATETIME,
    "lastFollowUpAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "lead_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Amounts carried over as minor units (2 digits, rounded half away from zero): a
-- Decimal column held them as REAL or INTEGER by NUMERIC affinity.
INSERT INTO "new_lead" ("acquiredAt", "acquisitionCostMinor", "authority", "budget", "campaign", "contactedAt", "contentAsset", "createdAt", "createdById", "customerType", "dealAmountMinor", "discoveryAt", "id", "industry", "lastFollowUpAt", "lostAt", "name", "need", "negotiationAt", "nextFollowUpAt", "notes", "number", "ownerId", "proposalAt", "score", "sourceChannel", "sourceChannelKey", "stage", "timeline", "updatedAt", "wonAt", "workspaceId") SELECT "acquiredAt", CAST(ROUND("acquisitionCost" * 100) AS INTEGER), "authority", "budget", "campaign", "contactedAt", "contentAsset", "createdAt", "createdById", "customerType", CAST(ROUND("dealAmount" * 100) AS INTEGER), "discoveryAt", "id", "industry", "lastFollowUpAt", "lostAt", "name", "need", "negotiationAt", "nextFollowUpAt", "notes", "number", "ownerId", "proposalAt", "score", "sourceChannel", "sourceChannelKey", "stage", "timeline", "updatedAt", "wonAt", "workspaceId" FROM "lead";
DROP TABLE "lead";
ALTER TABLE "new_lead" RENAME TO "lead";
CREATE INDEX "lead_workspaceId_ownerId_stage_idx" ON "lead"("workspaceId", "ownerId", "stage");
CREATE INDEX "lead_workspaceId_acquiredAt_stages_idx" ON "lead"("workspaceId", "acquiredAt", "contactedAt", "discoveryAt", "proposalAt", "negotiationAt", "wonAt");
CREATE INDEX "lead_workspaceId_contactedAt_idx" ON "lead"("workspaceId", "contactedAt");
CREATE INDEX "lead_workspaceId_discoveryAt_idx" ON "lead"("workspaceId", "discoveryAt");
CREATE INDEX "lead_workspaceId_proposalAt_idx" ON "lead"("workspaceId", "proposalAt");
CREATE INDEX "lead_workspaceId_negotiationAt_idx" ON "lead"("workspaceId", "negotiationAt");
CREATE INDEX "lead_workspaceId_wonAt_idx" ON "lead"("workspaceId", "wonAt");
CREATE INDEX "lead_workspaceId_lostAt_idx" ON "lead"("workspaceId", "lostAt");
CREATE INDEX "lead_workspaceId_nextFollowUpAt_idx" ON "lead"("workspaceId", "nextFollowUpAt");
CREATE INDEX "lead_workspaceId_sourceChannelKey_idx" ON "lead"("workspaceId", "sourceChannelKey");
CREATE UNIQUE INDEX "lead_workspaceId_number_key" ON "lead"("workspaceId", "number");
CREATE TABLE "new_goal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "baseline" TEXT,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'TEAM',
    "scopeValue" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "finalActual" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "goal_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Goal numbers become decimal text, and money ones (src/domain/goals.ts METRIC_UNIT) are
-- rounded to a minor unit (2 digits), as the app writes them (printf would turn NULL
-- into 0.00). CAST of a REAL gives 15 significant digits, all a float had to give.
INSERT INTO "new_goal" ("baseline", "closedAt", "createdAt", "createdById", "finalActual", "id", "metric", "periodEnd", "periodStart", "scope", "scopeValue", "status", "target", "workspaceId") SELECT
    CASE WHEN "metric" IN ('REVENUE', 'CAC') AND "baseline" IS NOT NULL THEN printf('%.2f', "baseline") ELSE CAST("baseline" AS TEXT) END,
    "closedAt", "createdAt", "createdById",
    CASE WHEN "metric" IN ('REVENUE', 'CAC') AND "finalActual" IS NOT NULL THEN printf('%.2f', "finalActual") ELSE CAST("finalActual" AS TEXT) END,
    "id", "metric", "periodEnd", "periodStart", "scope", "scopeValue", "status",
    CASE WHEN "metric" IN ('REVENUE', 'CAC') AND "target" IS NOT NULL THEN printf('%.2f', "target") ELSE CAST("target" AS TEXT) END,
    "workspaceId" FROM "goal";
DROP TABLE "goal";
ALTER TABLE "new_goal" RENAME TO "goal";
CREATE INDEX "goal_workspaceId_status_idx" ON "goal"("workspaceId", "status");
CREATE TABLE "new_cost_entry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "sourceChannel" TEXT NOT NULL,
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
INSERT INTO "new_cost_entry" ("amountMinor", "campaign", "createdAt", "createdById", "currency", "id", "note", "periodEnd", "periodStart", "sourceChannel", "workspaceId") SELECT CAST(ROUND("amount" * 100) AS INTEGER), "campaign", "createdAt", "createdById", "currency", "id", "note", "periodEnd", "periodStart", "sourceChannel", "workspaceId" FROM "cost_entry";
DROP TABLE "cost_entry";
ALTER TABLE "new_cost_entry" RENAME TO "cost_entry";
CREATE INDEX "cost_entry_workspaceId_sourceChannel_periodStart_idx" ON "cost_entry"("workspaceId", "sourceChannel", "periodStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
