-- CreateEnum
CREATE TYPE "ApiAddressKind" AS ENUM ('AUDIENCE', 'BASE_URL');

-- CreateEnum
CREATE TYPE "IdentityKind" AS ENUM ('CLIENT_ID', 'SUBJECT', 'SPIFFE', 'API_KEY_PREFIX');

-- AlterTable
ALTER TABLE "ApiOperation" ADD COLUMN     "scopeFree" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "OperationScope" DROP CONSTRAINT "OperationScope_pkey",
ADD COLUMN     "requirement" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "OperationScope_pkey" PRIMARY KEY ("operationId", "requirement", "scopeId");

-- CreateTable
CREATE TABLE "ApiAddress" (
    "id" TEXT NOT NULL,
    "apiId" TEXT NOT NULL,
    "kind" "ApiAddressKind" NOT NULL,
    "value" TEXT NOT NULL,
    "host" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsumerIdentity" (
    "id" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "kind" "IdentityKind" NOT NULL,
    "issuer" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsumerIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiAddress_host_idx" ON "ApiAddress"("host");

-- CreateIndex
CREATE INDEX "ApiAddress_apiId_idx" ON "ApiAddress"("apiId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiAddress_kind_value_key" ON "ApiAddress"("kind", "value");

-- CreateIndex
CREATE INDEX "ConsumerIdentity_value_idx" ON "ConsumerIdentity"("value");

-- CreateIndex
CREATE INDEX "ConsumerIdentity_consumerId_idx" ON "ConsumerIdentity"("consumerId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsumerIdentity_kind_issuer_value_key" ON "ConsumerIdentity"("kind", "issuer", "value");

-- AddForeignKey
ALTER TABLE "ApiAddress" ADD CONSTRAINT "ApiAddress_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumerIdentity" ADD CONSTRAINT "ConsumerIdentity_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An API's base URL set by hand names it from outside too (the first API keeps a URL two share).
INSERT INTO "ApiAddress" ("id", "apiId", "kind", "value", "host")
SELECT 'base-' || "id", "id", 'BASE_URL', rtrim("baseUrl", '/'), lower(substring("baseUrl" from '^https?://([^/?#]+)'))
FROM "Api" WHERE "baseUrl" ~ '^https?://' ORDER BY "createdAt"
ON CONFLICT DO NOTHING;
