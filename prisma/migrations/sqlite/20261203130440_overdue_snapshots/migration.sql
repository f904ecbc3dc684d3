-- CreateTable
CREATE TABLE "overdue_snapshot" (
    "workspaceId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "overdue" INTEGER NOT NULL,
    "takenAt" DATETIME NOT NULL,

    PRIMARY KEY ("workspaceId", "week", "ownerId"),
    CONSTRAINT "overdue_snapshot_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
