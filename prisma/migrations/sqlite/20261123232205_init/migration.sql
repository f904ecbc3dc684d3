-- CreateTable
CREATE TABLE "workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "lead_number_sequence" (
    "workspaceId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "lastValue" INTEGER NOT NULL,

    PRIMARY KEY ("workspaceId", "day"),
    CONSTRAINT "lead_number_sequence_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "lead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sourceChannel" TEXT,
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
    "dealAmount" DECIMAL,
    "acquisitionCost" DECIMAL,
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

-- CreateTable
CREATE TABLE "stage_change" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "leadId" INTEGER NOT NULL,
    "fromStage" TEXT,
    "toStage" TEXT NOT NULL,
    "changedAt" DATETIME NOT NULL,
    "changedById" TEXT NOT NULL,
    "note" TEXT,
    CONSTRAINT "stage_change_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "owner_change" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "leadId" INTEGER NOT NULL,
    "fromOwnerId" TEXT,
    "toOwnerId" TEXT NOT NULL,
    "changedAt" DATETIME NOT NULL,
    "changedById" TEXT NOT NULL,
    CONSTRAINT "owner_change_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "follow_up" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "leadId" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "contactedAt" DATETIME NOT NULL,
    "byId" TEXT NOT NULL,
    "nextDueAt" DATETIME,
    CONSTRAINT "follow_up_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "tag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "tag_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "lead_tag" (
    "leadId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,

    PRIMARY KEY ("leadId", "tagId"),
    CONSTRAINT "lead_tag_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "lead_tag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "goal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "target" DECIMAL NOT NULL,
    "baseline" DECIMAL,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'TEAM',
    "scopeValue" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "finalActual" DECIMAL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "goal_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "action_item" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "metric" TEXT,
    "metricBaseline" DECIMAL,
    "metricTarget" DECIMAL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "channelId" TEXT,
    "threadTs" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    CONSTRAINT "action_item_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "cost_entry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "sourceChannel" TEXT NOT NULL,
    "campaign" TEXT,
    "periodStart" DATETIME NOT NULL,
    "periodEnd" DATETIME NOT NULL,
    "amount" DECIMAL NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cost_entry_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "channelId" TEXT,
    "messageTs" TEXT,
    "error" TEXT,
    CONSTRAINT "job_run_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "lead_workspaceId_ownerId_stage_idx" ON "lead"("workspaceId", "ownerId", "stage");

-- CreateIndex
CREATE INDEX "lead_workspaceId_acquiredAt_idx" ON "lead"("workspaceId", "acquiredAt");

-- CreateIndex
CREATE INDEX "lead_workspaceId_nextFollowUpAt_idx" ON "lead"("workspaceId", "nextFollowUpAt");

-- CreateIndex
CREATE UNIQUE INDEX "lead_workspaceId_number_key" ON "lead"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "stage_change_leadId_changedAt_idx" ON "stage_change"("leadId", "changedAt");

-- CreateIndex
CREATE INDEX "stage_change_toStage_changedAt_idx" ON "stage_change"("toStage", "changedAt");

-- CreateIndex
CREATE INDEX "owner_change_leadId_changedAt_idx" ON "owner_change"("leadId", "changedAt");

-- CreateIndex
CREATE INDEX "follow_up_leadId_contactedAt_idx" ON "follow_up"("leadId", "contactedAt");

-- CreateIndex
CREATE UNIQUE INDEX "tag_workspaceId_kind_key_key" ON "tag"("workspaceId", "kind", "key");

-- CreateIndex
CREATE INDEX "lead_tag_tagId_idx" ON "lead_tag"("tagId");

-- CreateIndex
CREATE INDEX "goal_workspaceId_status_idx" ON "goal"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "action_item_workspaceId_status_idx" ON "action_item"("workspaceId", "status");

-- CreateIndex
CREATE INDEX "cost_entry_workspaceId_sourceChannel_periodStart_idx" ON "cost_entry"("workspaceId", "sourceChannel", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "job_run_workspaceId_job_periodKey_key" ON "job_run"("workspaceId", "job", "periodKey");
