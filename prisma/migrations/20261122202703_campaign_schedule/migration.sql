-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "scheduledFor" DATETIME;

-- CreateIndex
CREATE INDEX "Campaign_status_scheduledFor_idx" ON "Campaign"("status", "scheduledFor");

