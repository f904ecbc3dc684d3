-- CreateTable
CREATE TABLE "activity" (
    "id" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "leadId" INTEGER,
    "kind" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "byId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "via" TEXT NOT NULL,
    "note" TEXT,
    "leadVersion" INTEGER,
    "revertsId" INTEGER,

    CONSTRAINT "activity_pkey" PRIMARY KEY ("id")
);

-- Carry the stage and owner history into the journal, oldest first, before dropping it.
-- These entries have no leadVersion: they can be read on the card, not undone.
INSERT INTO "activity" ("workspaceId", "leadId", "kind", "before", "after", "byId", "at", "via", "note")
SELECT "workspaceId", "leadId", "kind", "before", "after", "byId", "at", 'slack', "note" FROM (
  SELECT l."workspaceId", s."leadId",
         CASE WHEN s."fromStage" IS NULL THEN 'created' ELSE 'stage' END AS "kind",
         CASE WHEN s."fromStage" IS NULL THEN NULL ELSE json_build_object('stage', s."fromStage")::text END AS "before",
         CASE WHEN s."fromStage" IS NULL
              THEN json_build_object('stage', s."toStage", 'ownerId', (SELECT o."toOwnerId" FROM "owner_change" o WHERE o."leadId" = s."leadId" AND o."fromOwnerId" IS NULL ORDER BY o."id" LIMIT 1))::text
              ELSE json_build_object('stage', s."toStage")::text END AS "after",
         s."changedById" AS "byId", s."changedAt" AS "at", s."note", 0 AS "sort", s."id" AS "sourceId"
    FROM "stage_change" s JOIN "lead" l ON l."id" = s."leadId"
  UNION ALL
  SELECT l."workspaceId", o."leadId", 'owner', json_build_object('ownerId', o."fromOwnerId")::text, json_build_object('ownerId', o."toOwnerId")::text,
         o."changedById", o."changedAt", NULL, 1, o."id"
    FROM "owner_change" o JOIN "lead" l ON l."id" = o."leadId"
   WHERE o."fromOwnerId" IS NOT NULL
) history
ORDER BY "at", "sort", "sourceId";

-- DropForeignKey
ALTER TABLE "stage_change" DROP CONSTRAINT "stage_change_leadId_fkey";

-- DropForeignKey
ALTER TABLE "owner_change" DROP CONSTRAINT "owner_change_leadId_fkey";

-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "member" ADD COLUMN     "role" TEXT,
ADD COLUMN     "slackAdmin" BOOLEAN NOT NULL DEFAULT false;

-- DropTable
DROP TABLE "stage_change";

-- DropTable
DROP TABLE "owner_change";

-- CreateIndex
CREATE UNIQUE INDEX "activity_revertsId_key" ON "activity"("revertsId");

-- CreateIndex
CREATE INDEX "activity_leadId_id_idx" ON "activity"("leadId", "id");

-- CreateIndex
CREATE INDEX "activity_workspaceId_at_idx" ON "activity"("workspaceId", "at");

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activity" ADD CONSTRAINT "activity_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;
