-- CreateTable
CREATE TABLE "FindingRun" (
    "rule" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
);

