-- AlterTable
ALTER TABLE "GrantScope" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "GrantScope_expiresAt_idx" ON "GrantScope"("expiresAt");

