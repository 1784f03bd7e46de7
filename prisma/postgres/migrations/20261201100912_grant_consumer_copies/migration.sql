-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "consumerEnvironment" "Environment",
ADD COLUMN     "consumerKind" "ConsumerKind";

-- CreateIndex
CREATE INDEX "Grant_consumerKind_status_lastUsedAt_id_idx" ON "Grant"("consumerKind", "status", "lastUsedAt", "id");

-- CreateIndex
CREATE INDEX "Grant_expiresAt_id_idx" ON "Grant"("expiresAt", "id");


-- The grants list filters and sorts on the consumer's kind and environment without a join:
-- the grant keeps copies, which triggers keep true whatever writes the rows (commands, bulk
-- loads, COPY, hand-run statements). A write naming the copies is overridden by the consumer's values.
UPDATE "Grant" g SET "consumerKind" = c."kind", "consumerEnvironment" = c."environment" FROM "Consumer" c WHERE c."id" = g."consumerId";

CREATE FUNCTION scopeward_grant_consumer_copies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c."kind", c."environment" INTO NEW."consumerKind", NEW."consumerEnvironment" FROM "Consumer" c WHERE c."id" = NEW."consumerId";
  RETURN NEW;
END $$;

CREATE TRIGGER "Grant_consumer_copies" BEFORE INSERT OR UPDATE OF "consumerId", "consumerKind", "consumerEnvironment" ON "Grant"
  FOR EACH ROW EXECUTE FUNCTION scopeward_grant_consumer_copies();

CREATE FUNCTION scopeward_consumer_copies_to_grants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Grant" SET "consumerKind" = NEW."kind", "consumerEnvironment" = NEW."environment" WHERE "consumerId" = NEW."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "Consumer_copies_to_grants" AFTER UPDATE OF "kind", "environment" ON "Consumer"
  FOR EACH ROW WHEN (OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."environment" IS DISTINCT FROM NEW."environment")
  EXECUTE FUNCTION scopeward_consumer_copies_to_grants();
