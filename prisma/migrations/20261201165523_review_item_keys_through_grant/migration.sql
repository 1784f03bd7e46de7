-- A review item reaches its consumer and API through its grant: the two keys it copies are
-- kept without foreign keys, which a launch checked once per item.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReviewItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "isHighRisk" BOOLEAN NOT NULL DEFAULT false,
    "recommendation" TEXT NOT NULL,
    "reasons" JSONB NOT NULL DEFAULT [],
    "unchanged" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'STAGE1',
    "stage1ReviewerId" TEXT,
    "stage1HandOff" TEXT,
    "stage1Decision" TEXT,
    "stage1Comment" TEXT,
    "stage1DecidedAt" DATETIME,
    "stage1Bulk" BOOLEAN NOT NULL DEFAULT false,
    "keptScopeIds" JSONB,
    "stage2ReviewerId" TEXT,
    "stage2HandOff" TEXT,
    "stage2Decision" TEXT,
    "stage2Comment" TEXT,
    "stage2DecidedAt" DATETIME,
    "stage2Bulk" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT,
    "remediatedAt" DATETIME,
    "remediation" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReviewItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewItem_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewItem_stage1ReviewerId_fkey" FOREIGN KEY ("stage1ReviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ReviewItem_stage2ReviewerId_fkey" FOREIGN KEY ("stage2ReviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_ReviewItem" ("apiId", "campaignId", "consumerId", "createdAt", "grantId", "id", "isHighRisk", "keptScopeIds", "outcome", "reasons", "recommendation", "remediatedAt", "remediation", "riskScore", "snapshot", "stage1Bulk", "stage1Comment", "stage1DecidedAt", "stage1Decision", "stage1HandOff", "stage1ReviewerId", "stage2Bulk", "stage2Comment", "stage2DecidedAt", "stage2Decision", "stage2HandOff", "stage2ReviewerId", "status", "unchanged", "updatedAt", "version") SELECT "apiId", "campaignId", "consumerId", "createdAt", "grantId", "id", "isHighRisk", "keptScopeIds", "outcome", "reasons", "recommendation", "remediatedAt", "remediation", "riskScore", "snapshot", "stage1Bulk", "stage1Comment", "stage1DecidedAt", "stage1Decision", "stage1HandOff", "stage1ReviewerId", "stage2Bulk", "stage2Comment", "stage2DecidedAt", "stage2Decision", "stage2HandOff", "stage2ReviewerId", "status", "unchanged", "updatedAt", "version" FROM "ReviewItem";
DROP TABLE "ReviewItem";
ALTER TABLE "new_ReviewItem" RENAME TO "ReviewItem";
CREATE INDEX "ReviewItem_grantId_idx" ON "ReviewItem"("grantId");
CREATE INDEX "ReviewItem_stage1ReviewerId_status_riskScore_idx" ON "ReviewItem"("stage1ReviewerId", "status", "riskScore");
CREATE INDEX "ReviewItem_stage2ReviewerId_status_riskScore_idx" ON "ReviewItem"("stage2ReviewerId", "status", "riskScore");
CREATE INDEX "ReviewItem_campaignId_status_idx" ON "ReviewItem"("campaignId", "status");
CREATE UNIQUE INDEX "ReviewItem_campaignId_grantId_key" ON "ReviewItem"("campaignId", "grantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
