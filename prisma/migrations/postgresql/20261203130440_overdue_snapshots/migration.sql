-- CreateTable
CREATE TABLE "overdue_snapshot" (
    "workspaceId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "overdue" INTEGER NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "overdue_snapshot_pkey" PRIMARY KEY ("workspaceId","week","ownerId")
);

-- AddForeignKey
ALTER TABLE "overdue_snapshot" ADD CONSTRAINT "overdue_snapshot_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
