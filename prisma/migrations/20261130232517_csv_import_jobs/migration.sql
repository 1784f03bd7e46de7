-- CreateTable
CREATE TABLE "CsvImportJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestedById" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "apply" BOOLEAN NOT NULL,
    "rows" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'CHECKING',
    "done" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "problem" JSONB,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "CsvImportJob_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CsvImportChunk" (
    "jobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "undo" JSONB NOT NULL,

    PRIMARY KEY ("jobId", "seq"),
    CONSTRAINT "CsvImportChunk_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "CsvImportJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CsvImportJob_requestedById_createdAt_idx" ON "CsvImportJob"("requestedById", "createdAt");

-- CreateIndex
CREATE INDEX "CsvImportJob_status_heartbeatAt_idx" ON "CsvImportJob"("status", "heartbeatAt");

