-- AlterTable
ALTER TABLE "ReviewItem" ADD COLUMN     "stage1Bulk" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "stage2Bulk" BOOLEAN NOT NULL DEFAULT false;

