-- AlterTable
ALTER TABLE "Scope" ADD COLUMN "removedAt" DATETIME;

