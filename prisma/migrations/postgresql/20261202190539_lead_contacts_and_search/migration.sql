-- AlterTable
ALTER TABLE "lead" ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "contactPhone" TEXT,
ADD COLUMN     "emailKey" TEXT,
ADD COLUMN     "nameKey" TEXT,
ADD COLUMN     "phoneKey" TEXT,
ADD COLUMN     "searchText" TEXT;

-- CreateIndex
CREATE INDEX "lead_workspaceId_nameKey_idx" ON "lead"("workspaceId", "nameKey");

-- CreateIndex
CREATE INDEX "lead_workspaceId_emailKey_idx" ON "lead"("workspaceId", "emailKey");

-- CreateIndex
CREATE INDEX "lead_workspaceId_phoneKey_idx" ON "lead"("workspaceId", "phoneKey");

-- Written by hand, outside Prisma's schema: /lead find's full-text index. The app
-- pre-tokenizes "searchText" into words and CJK character pairs (src/domain/lead-keys.ts),
-- so the 'simple' configuration only splits on spaces. Not pg_trgm: its index cannot
-- serve a pattern under 3 characters (LIKE '%科技%' yields no trigram), and 2-character
-- Chinese queries are the common case. Queries must use this exact expression
-- (src/store/search.ts).
CREATE INDEX "lead_search_idx" ON "lead" USING GIN (to_tsvector('simple'::regconfig, COALESCE("searchText", '')));

-- Existing leads get their keys from src/store/lead-keys-backfill.ts when this migration is
-- applied: NFKC, legal forms and CJK pairs are not something SQL can compute.
