-- CreateTable
CREATE TABLE "ApiImportJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestedById" TEXT NOT NULL,
    "apiName" TEXT NOT NULL,
    "operations" INTEGER NOT NULL,
    "pairs" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "apiId" TEXT,
    "result" JSONB,
    "problem" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ApiImportJob_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ApiImportJob_requestedById_createdAt_idx" ON "ApiImportJob"("requestedById", "createdAt");

