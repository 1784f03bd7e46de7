-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorUserId_fkey";

-- DropForeignKey
ALTER TABLE "AuditEvent" DROP CONSTRAINT "AuditEvent_actorTokenId_fkey";

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "prevHash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "seq" INTEGER,
ALTER COLUMN "at" DROP DEFAULT;

-- Events written before the chain take their positions in time order. Their hashes stay "" until
-- the first write after the upgrade seals them (lib/audit/chain.ts).
UPDATE "AuditEvent" e SET "seq" = n.seq FROM (SELECT "id", ROW_NUMBER() OVER (ORDER BY "at", "id") AS seq FROM "AuditEvent") n WHERE e."id" = n."id";
ALTER TABLE "AuditEvent" ALTER COLUMN "seq" SET NOT NULL;

-- CreateTable
CREATE TABLE "AuditHead" (
    "id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditVerification" (
    "id" INTEGER NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "verifiedSeq" INTEGER NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "brokenSeq" INTEGER,
    "reason" TEXT,

    CONSTRAINT "AuditVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobCursor" (
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "JobCursor_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorTokenId_fkey" FOREIGN KEY ("actorTokenId") REFERENCES "ApiToken"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The chain's head: as many events as there are, none sealed yet.
INSERT INTO "AuditHead" ("id", "seq", "hash") SELECT 1, COUNT(*), '' FROM "AuditEvent";
