-- AlterEnum
ALTER TYPE "FindingRule" ADD VALUE 'SCOPE_REMOVED_FROM_DOCUMENT';

-- AlterTable
ALTER TABLE "Scope" ADD COLUMN     "removedAt" TIMESTAMP(3);

