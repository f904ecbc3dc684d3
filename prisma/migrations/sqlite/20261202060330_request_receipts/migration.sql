-- CreateTable
CREATE TABLE "request_receipt" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "response" TEXT
);

-- CreateIndex
CREATE INDEX "request_receipt_receivedAt_idx" ON "request_receipt"("receivedAt");
