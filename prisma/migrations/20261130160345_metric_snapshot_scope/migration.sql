-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MetricSnapshot" (
    "day" DATETIME NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '',
    "metric" TEXT NOT NULL,
    "value" REAL NOT NULL,

    PRIMARY KEY ("day", "scope", "metric")
);
INSERT INTO "new_MetricSnapshot" ("day", "metric", "value") SELECT "day", "metric", "value" FROM "MetricSnapshot";
DROP TABLE "MetricSnapshot";
ALTER TABLE "new_MetricSnapshot" RENAME TO "MetricSnapshot";
CREATE INDEX "MetricSnapshot_scope_metric_day_idx" ON "MetricSnapshot"("scope", "metric", "day");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

