-- AlterTable
ALTER TABLE "Grant" ADD COLUMN "consumerEnvironment" TEXT;
ALTER TABLE "Grant" ADD COLUMN "consumerKind" TEXT;

-- CreateIndex
CREATE INDEX "Grant_consumerKind_status_lastUsedAt_id_idx" ON "Grant"("consumerKind", "status", "lastUsedAt", "id");

-- CreateIndex
CREATE INDEX "Grant_expiresAt_id_idx" ON "Grant"("expiresAt", "id");


-- The grants list filters and sorts on the consumer's kind and environment without a join:
-- the grant keeps copies, which triggers keep true whatever writes the rows (commands, bulk
-- loads, hand-run statements). A write naming the copies is overridden by the consumer's values.
UPDATE "Grant" SET ("consumerKind", "consumerEnvironment") = (SELECT "kind", "environment" FROM "Consumer" WHERE "id" = "Grant"."consumerId");

CREATE TRIGGER "Grant_consumer_copies_insert" AFTER INSERT ON "Grant" BEGIN
  UPDATE "Grant" SET ("consumerKind", "consumerEnvironment") = (SELECT "kind", "environment" FROM "Consumer" WHERE "id" = NEW."consumerId") WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Grant_consumer_copies_update" AFTER UPDATE OF "consumerId", "consumerKind", "consumerEnvironment" ON "Grant" BEGIN
  UPDATE "Grant" SET ("consumerKind", "consumerEnvironment") = (SELECT "kind", "environment" FROM "Consumer" WHERE "id" = NEW."consumerId") WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Consumer_copies_to_grants" AFTER UPDATE OF "kind", "environment" ON "Consumer" BEGIN
  UPDATE "Grant" SET "consumerKind" = NEW."kind", "consumerEnvironment" = NEW."environment" WHERE "consumerId" = NEW."id";
END;
