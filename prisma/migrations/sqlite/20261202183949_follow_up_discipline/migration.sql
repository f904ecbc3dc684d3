-- Follow-ups record their outcome and the journal entry that logged them; each workspace
-- keeps its follow-up discipline. Plain ADD COLUMNs: the workspace table keeps its rows
-- and every table that refers to it stays as it is.
ALTER TABLE "follow_up" ADD COLUMN "activityId" INTEGER;
ALTER TABLE "follow_up" ADD COLUMN "outcome" TEXT;

ALTER TABLE "workspace" ADD COLUMN "followUpCadence" TEXT;
ALTER TABLE "workspace" ADD COLUMN "zombieAfterDays" INTEGER NOT NULL DEFAULT 30;
ALTER TABLE "workspace" ADD COLUMN "untouchedAfterDays" INTEGER NOT NULL DEFAULT 2;

CREATE UNIQUE INDEX "follow_up_activityId_key" ON "follow_up"("activityId");
