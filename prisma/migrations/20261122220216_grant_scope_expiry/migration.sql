-- AlterTable
ALTER TABLE "GrantScope" ADD COLUMN "expiresAt" DATETIME;

-- CreateIndex
CREATE INDEX "GrantScope_expiresAt_idx" ON "GrantScope"("expiresAt");

