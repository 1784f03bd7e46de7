-- CreateTable
CREATE TABLE "ApiAddress" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "host" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiAddress_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsumerIdentity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consumerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "issuer" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConsumerIdentity_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "Consumer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiOperation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "operationId" TEXT,
    "summary" TEXT NOT NULL DEFAULT '',
    "scopeFree" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ApiOperation_apiId_fkey" FOREIGN KEY ("apiId") REFERENCES "Api" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApiOperation" ("apiId", "id", "method", "operationId", "path", "summary") SELECT "apiId", "id", "method", "operationId", "path", "summary" FROM "ApiOperation";
DROP TABLE "ApiOperation";
ALTER TABLE "new_ApiOperation" RENAME TO "ApiOperation";
CREATE UNIQUE INDEX "ApiOperation_apiId_method_path_key" ON "ApiOperation"("apiId", "method", "path");
CREATE TABLE "new_OperationScope" (
    "operationId" TEXT NOT NULL,
    "requirement" INTEGER NOT NULL DEFAULT 0,
    "scopeId" TEXT NOT NULL,

    PRIMARY KEY ("operationId", "requirement", "scopeId"),
    CONSTRAINT "OperationScope_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "ApiOperation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OperationScope_scopeId_fkey" FOREIGN KEY ("scopeId") REFERENCES "Scope" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OperationScope" ("operationId", "scopeId") SELECT "operationId", "scopeId" FROM "OperationScope";
DROP TABLE "OperationScope";
ALTER TABLE "new_OperationScope" RENAME TO "OperationScope";
CREATE INDEX "OperationScope_scopeId_idx" ON "OperationScope"("scopeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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



-- An API's base URL set by hand names it from outside too (the first API keeps a URL two share).
INSERT OR IGNORE INTO "ApiAddress" ("id", "apiId", "kind", "value", "host")
SELECT 'base-' || "id", "id", 'BASE_URL', rtrim("baseUrl", '/'),
       lower(CASE WHEN instr(substr("baseUrl", instr("baseUrl", '://') + 3), '/') > 0
                  THEN substr(substr("baseUrl", instr("baseUrl", '://') + 3), 1, instr(substr("baseUrl", instr("baseUrl", '://') + 3), '/') - 1)
                  ELSE substr("baseUrl", instr("baseUrl", '://') + 3) END)
FROM "Api" WHERE ("baseUrl" LIKE 'https://%' OR "baseUrl" LIKE 'http://%') ORDER BY "createdAt";
