-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "launchKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_launchKey_key" ON "Campaign"("launchKey");

