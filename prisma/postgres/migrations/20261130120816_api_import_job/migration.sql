-- CreateEnum
CREATE TYPE "ImportJobStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "ApiImportJob" (
    "id" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "apiName" TEXT NOT NULL,
    "operations" INTEGER NOT NULL,
    "pairs" INTEGER NOT NULL,
    "status" "ImportJobStatus" NOT NULL DEFAULT 'RUNNING',
    "apiId" TEXT,
    "result" JSONB,
    "problem" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ApiImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiImportJob_requestedById_createdAt_idx" ON "ApiImportJob"("requestedById", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiImportJob" ADD CONSTRAINT "ApiImportJob_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

