-- AlterTable
ALTER TABLE "workspace" ADD COLUMN "scoringWeights" TEXT;

-- CreateTable
CREATE TABLE "lead_signal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "leadId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "byId" TEXT NOT NULL,
    "activityId" INTEGER,
    CONSTRAINT "lead_signal_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "lead_signal_activityId_key" ON "lead_signal"("activityId");

-- CreateIndex
CREATE INDEX "lead_signal_leadId_kind_idx" ON "lead_signal"("leadId", "kind");
