-- CreateTable
CREATE TABLE "activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "leadId" INTEGER,
    "kind" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "byId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "via" TEXT NOT NULL,
    "note" TEXT,
    "leadVersion" INTEGER,
    "revertsId" INTEGER,
    CONSTRAINT "activity_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "activity_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Carry the stage and owner history into the journal, oldest first, before dropping it.
-- These entries have no leadVersion: they can be read on the card, not undone.
INSERT INTO "activity" ("workspaceId", "leadId", "kind", "before", "after", "byId", "at", "via", "note")
SELECT "workspaceId", "leadId", "kind", "before", "after", "byId", "at", 'slack', "note" FROM (
  SELECT l."workspaceId", s."leadId",
         CASE WHEN s."fromStage" IS NULL THEN 'created' ELSE 'stage' END AS "kind",
         CASE WHEN s."fromStage" IS NULL THEN NULL ELSE json_object('stage', s."fromStage") END AS "before",
         CASE WHEN s."fromStage" IS NULL
              THEN json_object('stage', s."toStage", 'ownerId', (SELECT o."toOwnerId" FROM "owner_change" o WHERE o."leadId" = s."leadId" AND o."fromOwnerId" IS NULL ORDER BY o."id" LIMIT 1))
              ELSE json_object('stage', s."toStage") END AS "after",
         s."changedById" AS "byId", s."changedAt" AS "at", s."note", 0 AS "sort", s."id" AS "sourceId"
    FROM "stage_change" s JOIN "lead" l ON l."id" = s."leadId"
  UNION ALL
  SELECT l."workspaceId", o."leadId", 'owner', json_object('ownerId', o."fromOwnerId"), json_object('ownerId', o."toOwnerId"),
         o."changedById", o."changedAt", NULL, 1, o."id"
    FROM "owner_change" o JOIN "lead" l ON l."id" = o."leadId"
   WHERE o."fromOwnerId" IS NOT NULL
) history
ORDER BY "at", "sort", "sourceId";

-- DropIndex
DROP INDEX "stage_change_leadId_changedAt_idx";

-- DropIndex
DROP INDEX "stage_change_toStage_changedAt_idx";

-- DropIndex
DROP INDEX "owner_change_leadId_changedAt_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "stage_change";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "owner_change";
PRAGMA foreign_keys=on;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "lead_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_lead" ("acquiredAt", "acquisitionCostMinor", "authority", "budget", "campaign", "contactedAt", "contentAsset", "createdAt", "createdById", "customerType", "dealAmountMinor", "discoveryAt", "id", "industry", "lastFollowUpAt", "lostAt", "name", "need", "negotiationAt", "nextFollowUpAt", "notes", "number", "ownerId", "proposalAt", "score", "sourceChannel", "sourceChannelKey", "stage", "timeline", "updatedAt", "wonAt", "workspaceId") SELECT "acquiredAt", "acquisitionCostMinor", "authority", "budget", "campaign", "contactedAt", "contentAsset", "createdAt", "createdById", "customerType", "dealAmountMinor", "discoveryAt", "id", "industry", "lastFollowUpAt", "lostAt", "name", "need", "negotiationAt", "nextFollowUpAt", "notes", "number", "ownerId", "proposalAt", "score", "sourceChannel", "sourceChannelKey", "stage", "timeline", "updatedAt", "wonAt", "workspaceId" FROM "lead";
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
CREATE TABLE "new_member" (
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT,
    "locale" TEXT,
    "fetchedAt" DATETIME NOT NULL,
    "role" TEXT,
    "slackAdmin" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("workspaceId", "userId"),
    CONSTRAINT "member_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_member" ("fetchedAt", "locale", "name", "timeZone", "userId", "workspaceId") SELECT "fetchedAt", "locale", "name", "timeZone", "userId", "workspaceId" FROM "member";
DROP TABLE "member";
ALTER TABLE "new_member" RENAME TO "member";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "activity_revertsId_key" ON "activity"("revertsId");

-- CreateIndex
CREATE INDEX "activity_leadId_id_idx" ON "activity"("leadId", "id");

-- CreateIndex
CREATE INDEX "activity_workspaceId_at_idx" ON "activity"("workspaceId", "at");
