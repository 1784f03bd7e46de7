-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditVerification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "checkedAt" DATETIME NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "verifiedSeq" INTEGER NOT NULL,
    "verifiedAt" DATETIME,
    "brokenSeq" INTEGER,
    "reason" TEXT
);

-- CreateTable
CREATE TABLE "JobCursor" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "position" INTEGER NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "actorKind" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actorTokenId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "before" JSONB,
    "after" JSONB,
    "prevHash" TEXT NOT NULL DEFAULT '',
    "hash" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_actorTokenId_fkey" FOREIGN KEY ("actorTokenId") REFERENCES "ApiToken" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- Events written before the chain take their positions in time order. Their hashes stay "" until
-- the first write after the upgrade seals them (lib/audit/chain.ts).
INSERT INTO "new_AuditEvent" ("action", "actorKind", "actorLabel", "actorTokenId", "actorUserId", "after", "at", "before", "id", "summary", "targetId", "targetType", "seq") SELECT "action", "actorKind", "actorLabel", "actorTokenId", "actorUserId", "after", "at", "before", "id", "summary", "targetId", "targetType", ROW_NUMBER() OVER (ORDER BY "at", "id") FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");
CREATE INDEX "AuditEvent_actorUserId_at_idx" ON "AuditEvent"("actorUserId", "at");
CREATE INDEX "AuditEvent_actorTokenId_idx" ON "AuditEvent"("actorTokenId");
CREATE INDEX "AuditEvent_targetType_targetId_idx" ON "AuditEvent"("targetType", "targetId");
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The chain's head: as many events as there are, none sealed yet.
INSERT INTO "AuditHead" ("id", "seq", "hash") SELECT 1, COUNT(*), '' FROM "AuditEvent";
