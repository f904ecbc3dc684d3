-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('ACQUIRED', 'CONTACTED', 'DISCOVERY', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST');

-- CreateEnum
CREATE TYPE "CustomerType" AS ENUM ('ENTERPRISE', 'INDIVIDUAL');

-- CreateEnum
CREATE TYPE "TagKind" AS ENUM ('LOSS_REASON', 'SOURCE_CHANNEL');

-- CreateEnum
CREATE TYPE "GoalMetric" AS ENUM ('NEW_LEADS', 'QUALIFIED_LEADS', 'WON_DEALS', 'REVENUE', 'CONVERSION_RATE', 'SALES_CYCLE_DAYS', 'FOLLOW_UPS', 'CAC');

-- CreateEnum
CREATE TYPE "GoalScope" AS ENUM ('TEAM', 'OWNER', 'SOURCE_CHANNEL');

-- CreateEnum
CREATE TYPE "GoalStatus" AS ENUM ('ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('OPEN', 'DONE', 'DROPPED');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('CLAIMED', 'POSTED', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "workspace" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_number_sequence" (
    "workspaceId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "lastValue" INTEGER NOT NULL,

    CONSTRAINT "lead_number_sequence_pkey" PRIMARY KEY ("workspaceId","day")
);

-- CreateTable
CREATE TABLE "lead" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sourceChannel" TEXT,
    "campaign" TEXT,
    "contentAsset" TEXT,
    "customerType" "CustomerType",
    "industry" TEXT,
    "ownerId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "stage" "Stage" NOT NULL DEFAULT 'ACQUIRED',
    "acquiredAt" TIMESTAMP(3) NOT NULL,
    "contactedAt" TIMESTAMP(3),
    "discoveryAt" TIMESTAMP(3),
    "proposalAt" TIMESTAMP(3),
    "negotiationAt" TIMESTAMP(3),
    "wonAt" TIMESTAMP(3),
    "lostAt" TIMESTAMP(3),
    "dealAmount" DECIMAL(65,30),
    "acquisitionCost" DECIMAL(65,30),
    "notes" TEXT,
    "budget" TEXT,
    "authority" TEXT,
    "need" TEXT,
    "timeline" TEXT,
    "score" INTEGER,
    "nextFollowUpAt" TIMESTAMP(3),
    "lastFollowUpAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stage_change" (
    "id" SERIAL NOT NULL,
    "leadId" INTEGER NOT NULL,
    "fromStage" "Stage",
    "toStage" "Stage" NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "changedById" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "stage_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "owner_change" (
    "id" SERIAL NOT NULL,
    "leadId" INTEGER NOT NULL,
    "fromOwnerId" TEXT,
    "toOwnerId" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "changedById" TEXT NOT NULL,

    CONSTRAINT "owner_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_up" (
    "id" SERIAL NOT NULL,
    "leadId" INTEGER NOT NULL,
    "note" TEXT NOT NULL,
    "contactedAt" TIMESTAMP(3) NOT NULL,
    "byId" TEXT NOT NULL,
    "nextDueAt" TIMESTAMP(3),

    CONSTRAINT "follow_up_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tag" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "kind" "TagKind" NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_tag" (
    "leadId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,

    CONSTRAINT "lead_tag_pkey" PRIMARY KEY ("leadId","tagId")
);

-- CreateTable
CREATE TABLE "goal" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "metric" "GoalMetric" NOT NULL,
    "target" DECIMAL(65,30) NOT NULL,
    "baseline" DECIMAL(65,30),
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "scope" "GoalScope" NOT NULL DEFAULT 'TEAM',
    "scopeValue" TEXT,
    "status" "GoalStatus" NOT NULL DEFAULT 'ACTIVE',
    "finalActual" DECIMAL(65,30),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_item" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "metric" TEXT,
    "metricBaseline" DECIMAL(65,30),
    "metricTarget" DECIMAL(65,30),
    "status" "ActionItemStatus" NOT NULL DEFAULT 'OPEN',
    "channelId" TEXT,
    "threadTs" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "action_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cost_entry" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "sourceChannel" TEXT NOT NULL,
    "campaign" TEXT,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "amount" DECIMAL(65,30) NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "note" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cost_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "status" "JobRunStatus" NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "channelId" TEXT,
    "messageTs" TEXT,
    "error" TEXT,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "lead_number_sequence" ADD CONSTRAINT "lead_number_sequence_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead" ADD CONSTRAINT "lead_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_change" ADD CONSTRAINT "stage_change_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "owner_change" ADD CONSTRAINT "owner_change_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_up" ADD CONSTRAINT "follow_up_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tag" ADD CONSTRAINT "tag_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_tag" ADD CONSTRAINT "lead_tag_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_tag" ADD CONSTRAINT "lead_tag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "goal" ADD CONSTRAINT "goal_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_item" ADD CONSTRAINT "action_item_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cost_entry" ADD CONSTRAINT "cost_entry_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_run" ADD CONSTRAINT "job_run_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
