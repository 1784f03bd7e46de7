// Recomputes findings in the database, one rule at a time, each in one transaction: what the
// rule finds now is compared by fingerprint (so a finding keeps its identity and first-seen
// date) with what is recorded — new ones inserted, changed ones updated, vanished ones
// closed. Nothing is computed row by row here; the rows never leave the database.
import type { FindingRule } from "@/lib/generated/prisma/enums";
import { loadPolicy } from "@/lib/policy/policy";
import { db, provider } from "@/lib/server/db";
import { RULES, type RuleDefinition } from "./rules";
import { Sql } from "@/lib/sql/dialect";
import { parseRows, sqlNumber } from "@/lib/sql/rows";
import { z } from "zod";

export type RecomputeSummary = { rule: FindingRule; open: number; closed: number; ms: number }[];

// What a rule finds now, in a temporary table of its own for the length of one transaction.
const NOW = "finding_now";

/**
 * An explanation as stored: at most EXPLANATION_MAX characters, cut with an ellipsis. The
 * findings index by grant holds it (PostgreSQL limits an index entry to about 2.7 KB), and
 * the few that list names (shared credentials, environments) can otherwise grow without end.
 */
const EXPLANATION_MAX = 500;
const capped = (expr: string) => `CASE WHEN LENGTH(${expr}) > ${EXPLANATION_MAX} THEN SUBSTR(${expr}, 1, ${EXPLANATION_MAX - 1}) || '…' ELSE ${expr} END`;

/**
 * One rule's work, in order: what it finds now goes to a temporary table; new findings are
 * inserted; findings whose facts changed (or that were closed and are back) are updated; the
 * open ones no longer found are closed; and the run's time is recorded for the rule, which is
 * when every finding still open was last seen (findingsSeen() reads it). Unchanged findings
 * are never rewritten, which is most of them on a large catalogue.
 */
function statements(rule: RuleDefinition, now: Date, policy: Awaited<ReturnType<typeof loadPolicy>>) {
  const q = new Sql(provider());
  const select = rule.select(q, { now, policy });
  const stamp = q.at(now);
  const severity = q.sqlite ? "n.severity" : 'CAST(n.severity AS "Severity")';
  const ruleValue = q.enumValue("FindingRule", rule.rule);
  const open = q.enumValue("FindingStatus", "OPEN");
  const facts = ["consumerId", "credentialId", "grantId", "apiId", "teamId"];
  const differs = (a: string, b: string) => (q.sqlite ? `${a} IS NOT ${b}` : `${a} IS DISTINCT FROM ${b}`);
  // A fingerprint starts with its rule's name, so the rule's own findings are all a step needs
  // to look at: naming the rule lets the database read those alone, by index, and join them to
  // what the rule finds now at once, instead of probing or scanning every rule's findings.
  const steps = [
    `DROP TABLE IF EXISTS ${NOW}`,
    `CREATE TEMPORARY TABLE ${NOW}${q.sqlite ? "" : " ON COMMIT DROP"} AS
      SELECT f.fp, f.severity, ${capped("f.explanation")} AS explanation, f."consumerId", f."credentialId", f."grantId", f."apiId", c."teamId"
      FROM (${select}) f LEFT JOIN "Consumer" c ON c.id = f."consumerId"`,
    `CREATE UNIQUE INDEX ${NOW}_fp ON ${NOW} (fp)`,
    `INSERT INTO "Finding" ("id", "fingerprint", "rule", "severity", "nhi", "status", "explanation", "details",
      "consumerId", "credentialId", "grantId", "apiId", "teamId", "firstSeenAt", "lastSeenAt")
     SELECT n.fp, n.fp, ${ruleValue}, ${severity}, '${rule.nhi}', ${open}, n.explanation, ${q.emptyJson},
      n."consumerId", n."credentialId", n."grantId", n."apiId", n."teamId", ${stamp}, ${stamp}
     FROM ${NOW} n WHERE NOT EXISTS (SELECT 1 FROM "Finding" f WHERE f."rule" = ${ruleValue} AND f."fingerprint" = n.fp)
     ON CONFLICT ("fingerprint") DO NOTHING`,
    `UPDATE "Finding" SET "status" = ${open}, "severity" = ${severity}, "explanation" = n.explanation,
      ${facts.map((f) => `"${f}" = n."${f}"`).join(", ")}, "lastSeenAt" = ${stamp}, "closedAt" = NULL
     FROM ${NOW} n WHERE "Finding"."rule" = ${ruleValue} AND "Finding"."fingerprint" = n.fp
      AND ("Finding"."status" <> ${open} OR "Finding"."severity" <> ${severity} OR "Finding"."explanation" <> n.explanation
        OR ${facts.map((f) => differs(`"Finding"."${f}"`, `n."${f}"`)).join(" OR ")})`,
    // A vanished finding was last seen by the rule's previous run.
    `UPDATE "Finding" SET "status" = ${q.enumValue("FindingStatus", "CLOSED")}, "closedAt" = ${stamp},
      "lastSeenAt" = COALESCE((SELECT r."at" FROM "FindingRun" r WHERE r."rule" = ${ruleValue}), "lastSeenAt")
     WHERE "rule" = ${ruleValue} AND "status" = ${open} AND NOT EXISTS (SELECT 1 FROM ${NOW} n WHERE n.fp = "Finding"."fingerprint")`,
    // Every finding still open was seen now: recorded once for the rule, not on each row.
    `INSERT INTO "FindingRun" ("rule", "at") VALUES (${ruleValue}, ${stamp}) ON CONFLICT ("rule") DO UPDATE SET "at" = excluded."at"`,
  ];
  return { steps: steps.map((sql) => q.statement(sql)), count: q.statement(`SELECT COUNT(*) AS n FROM ${NOW}`), drop: `DROP TABLE IF EXISTS ${NOW}` };
}

/** Every rule over the whole catalogue. Safe to run twice or alongside another runner. */
export async function recomputeFindings(now = new Date(), only?: FindingRule[]): Promise<RecomputeSummary> {
  const policy = await loadPolicy(db);
  const summary: RecomputeSummary = [];
  for (const rule of RULES) {
    if (only && !only.includes(rule.rule)) continue;
    const started = performance.now();
    const { steps, count, drop } = statements(rule, now, policy);
    const [open, closed] = await db.$transaction(
      async (tx) => {
        const changed: number[] = [];
        for (const step of steps) changed.push(await tx.$executeRawUnsafe(...step));
        const [row] = parseRows(z.object({ n: sqlNumber }), await tx.$queryRawUnsafe<unknown[]>(...count));
        // PostgreSQL drops the table at commit; SQLite keeps it for the connection.
        if (provider() === "sqlite") await tx.$executeRawUnsafe(drop);
        // The sixth step closes what no longer holds: its row count is the rule's closed findings.
        return [row?.n ?? 0, changed[5] ?? 0];
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
    summary.push({ rule: rule.rule, open, closed, ms: Math.round(performance.now() - started) });
  }
  return summary;
}
