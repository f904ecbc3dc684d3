-- AlterTable
ALTER TABLE "workspace" ADD COLUMN     "scoringWeights" TEXT;

-- CreateTable
CREATE TABLE "lead_signal" (
    "id" SERIAL NOT NULL,
    "leadId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "byId" TEXT NOT NULL,
    "activityId" INTEGER,

    CONSTRAINT "lead_signal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "lead_signal_activityId_key" ON "lead_signal"("activityId");

-- CreateIndex
CREATE INDEX "lead_signal_leadId_kind_idx" ON "lead_signal"("leadId", "kind");

-- AddForeignKey
ALTER TABLE "lead_signal" ADD CONSTRAINT "lead_signal_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;
