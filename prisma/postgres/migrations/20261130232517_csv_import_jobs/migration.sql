-- CreateEnum
CREATE TYPE "CsvImportStatus" AS ENUM ('CHECKING', 'CHECKED', 'WRITING', 'IMPORTED', 'UNDOING', 'FAILED', 'UNDONE');

-- CreateTable
CREATE TABLE "CsvImportJob" (
    "id" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "apply" BOOLEAN NOT NULL,
    "rows" INTEGER NOT NULL,
    "status" "CsvImportStatus" NOT NULL DEFAULT 'CHECKING',
    "done" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "problem" JSONB,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CsvImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CsvImportChunk" (
    "jobId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "undo" JSONB NOT NULL,

    CONSTRAINT "CsvImportChunk_pkey" PRIMARY KEY ("jobId","seq")
);

-- CreateIndex
CREATE INDEX "CsvImportJob_requestedById_createdAt_idx" ON "CsvImportJob"("requestedById", "createdAt");

-- CreateIndex
CREATE INDEX "CsvImportJob_status_heartbeatAt_idx" ON "CsvImportJob"("status", "heartbeatAt");

-- AddForeignKey
ALTER TABLE "CsvImportJob" ADD CONSTRAINT "CsvImportJob_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CsvImportChunk" ADD CONSTRAINT "CsvImportChunk_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "CsvImportJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

