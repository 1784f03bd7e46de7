-- AlterTable: columns with a constant default are added in place (no table rebuild on a large queue).
ALTER TABLE "ReviewItem" ADD COLUMN "stage1Bulk" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ReviewItem" ADD COLUMN "stage2Bulk" BOOLEAN NOT NULL DEFAULT false;
