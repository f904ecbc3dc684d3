-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "locale" TEXT NOT NULL DEFAULT 'en',
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "nativeCharts" BOOLEAN NOT NULL DEFAULT false,
    "followUpCadence" TEXT,
    "zombieAfterDays" INTEGER NOT NULL DEFAULT 30,
    "untouchedAfterDays" INTEGER NOT NULL DEFAULT 2,
    "poolAfterDays" INTEGER,
    "alignmentChannelId" TEXT,
    "flagMarginPoints" INTEGER NOT NULL DEFAULT 10,
    "digestChannelId" TEXT,
    "scoringWeights" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_workspace" ("alignmentChannelId", "createdAt", "currency", "digestChannelId", "followUpCadence", "id", "locale", "name", "nativeCharts", "poolAfterDays", "scoringWeights", "timeZone", "untouchedAfterDays", "updatedAt", "zombieAfterDays") SELECT "alignmentChannelId", "createdAt", "currency", "digestChannelId", "followUpCadence", "id", "locale", "name", "nativeCharts", "poolAfterDays", "scoringWeights", "timeZone", "untouchedAfterDays", "updatedAt", "zombieAfterDays" FROM "workspace";
DROP TABLE "workspace";
ALTER TABLE "new_workspace" RENAME TO "workspace";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
