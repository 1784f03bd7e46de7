// Recomputes findings in the database, one rule at a time, each in one transaction:
// an upsert of everything the rule finds now (keyed by fingerprint, so a finding keeps its
// identity and first-seen date) and the closing of what it no longer finds. Nothing is
// computed row by row here; the rows never leave the database.
import { refreshDashboards } from "@/lib/dashboard/cells";
import type { FindingRule } from "@/lib/generated/prisma/enums";
import { loadPolicy } from "@/lib/policy/policy";
import { db, provider } from "@/lib/server/db";
import { logger } from "@/lib/server/logger";
import { RULES, type RuleDefinition } from "./rules";
import { Sql } from "./sql";

export type RecomputeSummary = { rule: FindingRule; open: number; closed: number; ms: number }[];

function statements(rule: RuleDefinition, now: Date, policy: Awaited<ReturnType<typeof loadPolicy>>) {
  const upsert = new Sql(provider());
  const select = rule.select(upsert, { now, policy });
  const severity = upsert.sqlite ? "f.severity" : 'CAST(f.severity AS "Severity")';
  const stamp = upsert.at(now);
  const upsertSql = `
    INSERT INTO "Finding" ("id", "fingerprint", "rule", "severity", "nhi", "status", "explanation", "details",
      "consumerId", "credentialId", "grantId", "apiId", "firstSeenAt", "lastSeenAt")
    SELECT f.fp, f.fp, ${upsert.enumValue("FindingRule", rule.rule)}, ${severity}, '${rule.nhi}', ${upsert.enumValue("FindingStatus", "OPEN")},
      f.explanation, ${upsert.emptyJson}, f."consumerId", f."credentialId", f."grantId", f."apiId", ${stamp}, ${stamp}
    FROM (${select}) f WHERE true
    ON CONFLICT ("fingerprint") DO UPDATE SET
      "status" = excluded."status", "severity" = excluded."severity", "explanation" = excluded."explanation",
      "consumerId" = excluded."consumerId", "credentialId" = excluded."credentialId", "grantId" = excluded."grantId",
      "apiId" = excluded."apiId", "lastSeenAt" = excluded."lastSeenAt", "closedAt" = NULL`;
  const close = new Sql(provider());
  const closeSql = `UPDATE "Finding" SET "status" = ${close.enumValue("FindingStatus", "CLOSED")}, "closedAt" = ${close.at(now)}
    WHERE "rule" = ${close.enumValue("FindingRule", rule.rule)} AND "status" = ${close.enumValue("FindingStatus", "OPEN")} AND "lastSeenAt" < ${close.at(now)}`;
  return { upsert: upsert.statement(upsertSql), close: close.statement(closeSql) };
}

/** Every rule over the whole catalogue. Safe to run twice or alongside another runner. */
export async function recomputeFindings(now = new Date(), only?: FindingRule[]): Promise<RecomputeSummary> {
  const policy = await loadPolicy(db);
  const summary: RecomputeSummary = [];
  for (const rule of RULES) {
    if (only && !only.includes(rule.rule)) continue;
    const started = performance.now();
    const { upsert, close } = statements(rule, now, policy);
    const [open, closed] = await db.$transaction(
      async (tx) => [await tx.$executeRawUnsafe(...upsert), await tx.$executeRawUnsafe(...close)],
      { timeout: 300_000, maxWait: 30_000 },
    );
    summary.push({ rule: rule.rule, open, closed, ms: Math.round(performance.now() - started) });
  }
  return summary;
}

// A change to the catalogue asks for a refresh. Changes close together share one run, one
// run at a time per process, and runs start at least SPACING_MS apart, so a burst of edits
// on a large catalogue does not keep the database busy recomputing. The scheduled job
// recomputes as well, so a refresh lost to a restart is made up within minutes.
const SPACING_MS = 30_000;
let enabled = false;
let timer: NodeJS.Timeout | null = null;
let running = false;
let lastStart = 0;

/** The server turns change-driven refresh on; scripts and tests recompute explicitly. */
export function enableFindingsRefresh() {
  enabled = true;
}

// What findings read: a change to any of these may open or close one.
const WATCHED = new Set(["Api", "Scope", "Consumer", "Credential", "Grant", "ReviewItem", "PolicySetting", "User", "JobRole", "UsageEvent"]);

export function refreshFindingsSoon(targetType?: string, delayMs = 2000) {
  if (!enabled || timer || (targetType && !WATCHED.has(targetType))) return;
  const wait = Math.max(delayMs, lastStart + SPACING_MS - Date.now());
  timer = setTimeout(() => {
    timer = null;
    if (running) {
      refreshFindingsSoon(undefined, SPACING_MS);
      return;
    }
    running = true;
    lastStart = Date.now();
    recomputeFindings()
      .then(() => refreshDashboards())
      .catch((error) => logger.error("findings and dashboard refresh failed", { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        running = false;
      });
  }, wait);
  timer.unref?.();
}
