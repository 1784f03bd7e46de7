-- AlterTable
ALTER TABLE "Finding" ADD COLUMN "teamId" TEXT;

-- CreateIndex
CREATE INDEX "Finding_teamId_status_severity_idx" ON "Finding"("teamId", "status", "severity");

