-- AlterTable
ALTER TABLE "workspace" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'CNY';

-- AlterTable
-- Amounts carried over as minor units (2 digits, rounded half away from zero) before
-- the NUMERIC columns go, rewriting only the rows that have one. No semicolons in these
-- comments: @prisma/adapter-pg runs the script split at every one.
ALTER TABLE "lead" ADD COLUMN     "acquisitionCostMinor" BIGINT,
ADD COLUMN     "dealAmountMinor" BIGINT;
UPDATE "lead" SET "dealAmountMinor" = ROUND("dealAmount" * 100)::BIGINT, "acquisitionCostMinor" = ROUND("acquisitionCost" * 100)::BIGINT
WHERE "dealAmount" IS NOT NULL OR "acquisitionCost" IS NOT NULL;
ALTER TABLE "lead" DROP COLUMN "acquisitionCost",
DROP COLUMN "dealAmount";

-- AlterTable
-- Goal numbers become decimal text: NUMERIC(65,30) as text would carry 30 trailing
-- zeros, so the scale is trimmed, and money ones (src/domain/goals.ts METRIC_UNIT) are
-- rounded to a minor unit (2 digits), as the app writes them.
ALTER TABLE "goal" ALTER COLUMN "target" SET DATA TYPE TEXT USING (CASE WHEN "metric" IN ('REVENUE', 'CAC') THEN ROUND("target", 2) ELSE trim_scale("target") END)::TEXT,
ALTER COLUMN "baseline" SET DATA TYPE TEXT USING (CASE WHEN "metric" IN ('REVENUE', 'CAC') THEN ROUND("baseline", 2) ELSE trim_scale("baseline") END)::TEXT,
ALTER COLUMN "finalActual" SET DATA TYPE TEXT USING (CASE WHEN "metric" IN ('REVENUE', 'CAC') THEN ROUND("finalActual", 2) ELSE trim_scale("finalActual") END)::TEXT;

-- AlterTable
ALTER TABLE "cost_entry" ADD COLUMN     "amountMinor" BIGINT;
UPDATE "cost_entry" SET "amountMinor" = ROUND("amount" * 100)::BIGINT;
ALTER TABLE "cost_entry" ALTER COLUMN "amountMinor" SET NOT NULL,
DROP COLUMN "amount";
