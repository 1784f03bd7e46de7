-- CreateTable
CREATE TABLE "DashboardCell" (
    "id" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "teamId" TEXT,
    "environment" TEXT,
    "k1" TEXT NOT NULL DEFAULT '',
    "k2" TEXT NOT NULL DEFAULT '',
    "v1" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "v2" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DashboardCell_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DashboardCell_measure_teamId_environment_idx" ON "DashboardCell"("measure", "teamId", "environment");

