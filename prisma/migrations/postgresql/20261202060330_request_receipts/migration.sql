-- CreateTable
CREATE TABLE "request_receipt" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "response" TEXT,

    CONSTRAINT "request_receipt_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "request_receipt_receivedAt_idx" ON "request_receipt"("receivedAt");
