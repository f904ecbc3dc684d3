-- DropIndex
DROP INDEX "lead_workspaceId_acquiredAt_idx";

-- CreateIndex
CREATE INDEX "lead_workspaceId_acquiredAt_stages_idx" ON "lead"("workspaceId", "acquiredAt", "contactedAt", "discoveryAt", "proposalAt", "negotiationAt", "wonAt");

-- CreateIndex
CREATE INDEX "lead_workspaceId_contactedAt_idx" ON "lead"("workspaceId", "contactedAt");

-- CreateIndex
CREATE INDEX "lead_workspaceId_discoveryAt_idx" ON "lead"("workspaceId", "discoveryAt");

-- CreateIndex
CREATE INDEX "lead_workspaceId_proposalAt_idx" ON "lead"("workspaceId", "proposalAt");

-- CreateIndex
CREATE INDEX "lead_workspaceId_negotiationAt_idx" ON "lead"("workspaceId", "negotiationAt");

-- CreateIndex
CREATE INDEX "lead_workspaceId_wonAt_idx" ON "lead"("workspaceId", "wonAt");

-- CreateIndex
CREATE INDEX "lead_workspaceId_lostAt_idx" ON "lead"("workspaceId", "lostAt");
