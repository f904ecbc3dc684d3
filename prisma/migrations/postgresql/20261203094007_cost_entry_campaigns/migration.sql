-- AlterTable
ALTER TABLE "cost_entry" ALTER COLUMN "sourceChannel" DROP NOT NULL;
