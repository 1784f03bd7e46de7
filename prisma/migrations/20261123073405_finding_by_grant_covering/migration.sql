-- Explanations longer than the new cap (lib/findings/engine.ts, EXPLANATION_MAX) are cut as the
-- engine now cuts them, so that each fits in an entry of the index below.
UPDATE "Finding" SET "explanation" = SUBSTR("explanation", 1, 499) || '…' WHERE LENGTH("explanation") > 500;

-- DropIndex
DROP INDEX "Finding_grantId_idx";

-- CreateIndex
CREATE INDEX "Finding_grantId_status_rule_severity_explanation_idx" ON "Finding"("grantId", "status", "rule", "severity", "explanation");

