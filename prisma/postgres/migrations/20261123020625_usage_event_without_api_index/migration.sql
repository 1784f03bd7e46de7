-- DropIndex
DROP INDEX "UsageEvent_apiId_idx";

