-- CreateTable
CREATE TABLE "DashboardCell" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "measure" TEXT NOT NULL,
    "teamId" TEXT,
    "environment" TEXT,
    "k1" TEXT NOT NULL DEFAULT '',
    "k2" TEXT NOT NULL DEFAULT '',
    "v1" REAL NOT NULL DEFAULT 0,
    "v2" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "DashboardCell_measure_teamId_environment_idx" ON "DashboardCell"("measure", "teamId", "environment");

