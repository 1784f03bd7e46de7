-- A review item reaches its consumer and API through its grant: the two keys it copies are
-- kept without foreign keys, which a launch checked once per item.
-- DropForeignKey
ALTER TABLE "ReviewItem" DROP CONSTRAINT "ReviewItem_consumerId_fkey";

-- DropForeignKey
ALTER TABLE "ReviewItem" DROP CONSTRAINT "ReviewItem_apiId_fkey";

-- DropIndex
DROP INDEX "ReviewItem_consumerId_idx";

-- DropIndex
DROP INDEX "ReviewItem_apiId_idx";
