-- Contacts on the lead, and the keys that find and match leads (src/domain/lead-keys.ts).
-- Plain ADD COLUMNs: the lead table keeps its rows and the FTS5 triggers below stay valid.
ALTER TABLE "lead" ADD COLUMN "contactEmail" TEXT;
ALTER TABLE "lead" ADD COLUMN "contactPhone" TEXT;
ALTER TABLE "lead" ADD COLUMN "emailKey" TEXT;
ALTER TABLE "lead" ADD COLUMN "nameKey" TEXT;
ALTER TABLE "lead" ADD COLUMN "phoneKey" TEXT;
ALTER TABLE "lead" ADD COLUMN "searchText" TEXT;

-- The duplicate check of /lead new: one index lookup per key.
CREATE INDEX "lead_workspaceId_nameKey_idx" ON "lead"("workspaceId", "nameKey");
CREATE INDEX "lead_workspaceId_emailKey_idx" ON "lead"("workspaceId", "emailKey");
CREATE INDEX "lead_workspaceId_phoneKey_idx" ON "lead"("workspaceId", "phoneKey");

-- Written by hand, outside Prisma's schema (it has no virtual tables): /lead find's
-- full-text index over "searchText", which the app pre-tokenizes into words and CJK
-- character pairs, so 2-character Chinese queries (科技) are one token. FTS5's own trigram
-- tokenizer cannot match a query under 3 characters. External content: the text lives
-- once, in "lead"; the triggers keep the index in step inside the writing transaction.
-- A later migration that redefines "lead" (Prisma's new_lead copy) drops these triggers:
-- it must create them again.
CREATE VIRTUAL TABLE "lead_search" USING fts5("searchText", content='lead', content_rowid='id', tokenize='unicode61');

CREATE TRIGGER "lead_search_after_insert" AFTER INSERT ON "lead" WHEN new."searchText" IS NOT NULL BEGIN
  INSERT INTO "lead_search"(rowid, "searchText") VALUES (new."id", new."searchText");
END;

CREATE TRIGGER "lead_search_after_delete" AFTER DELETE ON "lead" WHEN old."searchText" IS NOT NULL BEGIN
  INSERT INTO "lead_search"("lead_search", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
END;

CREATE TRIGGER "lead_search_after_update" AFTER UPDATE OF "searchText" ON "lead" BEGIN
  INSERT INTO "lead_search"("lead_search", rowid, "searchText") SELECT 'delete', old."id", old."searchText" WHERE old."searchText" IS NOT NULL;
  INSERT INTO "lead_search"(rowid, "searchText") SELECT new."id", new."searchText" WHERE new."searchText" IS NOT NULL;
END;

-- Existing leads get their keys from src/store/lead-keys-backfill.ts when this migration is
-- applied: NFKC, legal forms and CJK pairs are not something SQL can compute.
