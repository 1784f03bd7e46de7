-- DropIndex
DROP INDEX "MetricSnapshot_metric_day_idx";

-- AlterTable
ALTER TABLE "MetricSnapshot" DROP CONSTRAINT "MetricSnapshot_pkey",
ADD COLUMN     "scope" TEXT NOT NULL DEFAULT '',
ADD CONSTRAINT "MetricSnapshot_pkey" PRIMARY KEY ("day", "scope", "metric");

-- CreateIndex
CREATE INDEX "MetricSnapshot_scope_metric_day_idx" ON "MetricSnapshot"("scope", "metric", "day");

