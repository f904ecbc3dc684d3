-- AlterTable
ALTER TABLE "workspace" ADD COLUMN     "nativeCharts" BOOLEAN NOT NULL DEFAULT false;
