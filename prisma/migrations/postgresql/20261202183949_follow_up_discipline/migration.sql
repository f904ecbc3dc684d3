-- AlterTable
ALTER TABLE "workspace" ADD COLUMN     "followUpCadence" TEXT,
ADD COLUMN     "untouchedAfterDays" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "zombieAfterDays" INTEGER NOT NULL DEFAULT 30;

-- AlterTable
ALTER TABLE "follow_up" ADD COLUMN     "activityId" INTEGER,
ADD COLUMN     "outcome" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "follow_up_activityId_key" ON "follow_up"("activityId");
