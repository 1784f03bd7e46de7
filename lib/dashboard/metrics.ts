// The executive overview's figures, each one aggregate query in the database, for the whole
// organisation or one team / environment (of the consumers). Kept daily in MetricSnapshot
// so each figure can show its change over 30 days.
import { z } from "zod";
import { Sql } from "@/lib/findings/sql";
import { Environment } from "@/lib/generated/prisma/enums";
import { optionalId } from "@/lib/lists/params";
import { loadPolicy, type Policy } from "@/lib/policy/policy";
import { db, provider } from "@/lib/server/db";

export const dashboardFilter = z.object({
  teamId: optionalId,
  environment: z.enum(Environment).optional().catch(undefined),
});
export type DashboardFilter = z.infer<typeof dashboardFilter>;

/** The filter as URL parameters, so links carry it to other dashboards and lists. */
export function filterParams(filter: DashboardFilter): URLSearchParams {
  return new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => Boolean(e[1])));
}

export const NHI_ITEMS = Array.from({ length: 10 }, (_, i) => `NHI${i + 1}:2025`);

/** The consumers a filter keeps, as a condition on the consumer alias given. */
export function consumerCondition(q: Sql, alias: string, filter: DashboardFilter): string {
  const parts = [`${alias}.status <> 'DECOMMISSIONED'`];
  if (filter.teamId) parts.push(`${alias}."teamId" = ${q.p(filter.teamId)}`);
  if (filter.environment) parts.push(`${alias}.environment = ${q.p(filter.environment)}`);
  return parts.join(" AND ");
}

/** SQL: the access-token lifetime limit for the consumer kind of the alias, from policy. */
export function tokenLimit(policy: Policy, alias: string) {
  const l = policy.maxTokenLifetime;
  return `(CASE ${alias}.kind WHEN 'HUMAN' THEN ${l.HUMAN} WHEN 'SERVICE' THEN ${l.SERVICE} WHEN 'PARTNER' THEN ${l.PARTNER} ELSE ${l.AGENT} END)`;
}

// The benchmark records the statements a dashboard runs, to time the same SQL bare (its floor).
let recorder: ((statement: [string, ...unknown[]]) => void) | null = null;
export function recordStatements(fn: typeof recorder) {
  recorder = fn;
}

export async function rawRows<T>(q: Sql, sql: string): Promise<T[]> {
  const statement = q.statement(sql);
  recorder?.(statement);
  const rows = await db.$queryRawUnsafe<T[]>(...statement);
  // COUNT and SUM come back as bigint or decimal depending on the database.
  return rows.map((row) => Object.fromEntries(Object.entries(row as object).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])) as T);
}

const pct = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : 0);

export type Overview = Record<string, number>;

export async function overviewMetrics(filter: DashboardFilter, now = new Date()): Promise<Overview> {
  const policy = await loadPolicy(db);
  const q = new Sql(provider());
  const c = consumerCondition(q, "c", filter);
  const cutoff = q.at(new Date(now.getTime() - policy.maxCredentialAgeDays * 86_400_000));
  const [row] = await rawRows<Record<string, number>>(
    q,
    `SELECT
      (SELECT COUNT(*) FROM "Api" a WHERE a.lifecycle <> 'RETIRED'${filter.teamId ? ` AND a."teamId" = ${q.p(filter.teamId)}` : ""}) AS apis,
      (SELECT COUNT(*) FROM "Consumer" c WHERE ${c} AND c.kind = 'HUMAN') AS "consumers.HUMAN",
      (SELECT COUNT(*) FROM "Consumer" c WHERE ${c} AND c.kind = 'SERVICE') AS "consumers.SERVICE",
      (SELECT COUNT(*) FROM "Consumer" c WHERE ${c} AND c.kind = 'PARTNER') AS "consumers.PARTNER",
      (SELECT COUNT(*) FROM "Consumer" c WHERE ${c} AND c.kind = 'AGENT') AS "consumers.AGENT",
      (SELECT COUNT(*) FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" WHERE g.status = 'ACTIVE' AND ${c}) AS "grants.active",
      (SELECT COUNT(DISTINCT k.id) FROM "Credential" k JOIN "ConsumerCredential" cc ON cc."credentialId" = k.id JOIN "Consumer" c ON c.id = cc."consumerId"
        WHERE k."revokedAt" IS NULL AND ${c}) AS "credentials.live",
      (SELECT COUNT(DISTINCT k.id) FROM "Credential" k JOIN "ConsumerCredential" cc ON cc."credentialId" = k.id JOIN "Consumer" c ON c.id = cc."consumerId"
        WHERE k."revokedAt" IS NULL AND ${c} AND (k."expiresAt" IS NULL OR COALESCE(k."lastRotatedAt", k."createdAt") < ${cutoff})) AS "credentials.longLived",
      (SELECT COUNT(*) FROM "Credential" k JOIN "ConsumerCredential" cc ON cc."credentialId" = k.id JOIN "Consumer" c ON c.id = cc."consumerId"
        WHERE k."revokedAt" IS NULL AND k."accessTokenTtlSeconds" IS NOT NULL AND ${c}) AS "tokens.known",
      (SELECT COUNT(*) FROM "Credential" k JOIN "ConsumerCredential" cc ON cc."credentialId" = k.id JOIN "Consumer" c ON c.id = cc."consumerId"
        WHERE k."revokedAt" IS NULL AND k."accessTokenTtlSeconds" > ${tokenLimit(policy, "c")} AND ${c}) AS "tokens.overPolicy",
      (SELECT COUNT(DISTINCT f."grantId") FROM "Finding" f JOIN "Grant" g ON g.id = f."grantId" JOIN "Consumer" c ON c.id = g."consumerId"
        WHERE f.rule = 'BROAD_GRANT' AND f.status = 'OPEN' AND g.status = 'ACTIVE' AND ${c}) AS "grants.broad",
      (SELECT COUNT(DISTINCT g."consumerId") FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "GrantScope" gs ON gs."grantId" = g.id
        WHERE g.status = 'ACTIVE' AND c.kind = 'AGENT' AND ${c}
          AND NOT EXISTS (SELECT 1 FROM "JobRoleScope" j WHERE j."roleId" = c."comparableRoleId" AND j."scopeId" = gs."scopeId")) AS "agents.aboveBaseline",
      (SELECT COUNT(*) FROM "ReviewItem" i JOIN "Campaign" m ON m.id = i."campaignId" JOIN "Consumer" c ON c.id = i."consumerId" WHERE m.status = 'ACTIVE' AND ${c}) AS "reviews.items",
      (SELECT COUNT(*) FROM "ReviewItem" i JOIN "Campaign" m ON m.id = i."campaignId" JOIN "Consumer" c ON c.id = i."consumerId" WHERE m.status = 'ACTIVE' AND i.status = 'CLOSED' AND ${c}) AS "reviews.closed",
      (SELECT COUNT(*) FROM "ReviewItem" i JOIN "Campaign" m ON m.id = i."campaignId" JOIN "Consumer" c ON c.id = i."consumerId"
        WHERE m.status = 'ACTIVE' AND i.status <> 'CLOSED' AND m."dueAt" < ${q.at(now)} AND ${c}) AS "reviews.overdue"`,
  );
  const findings = await rawRows<{ nhi: string; n: number }>(
    q,
    `SELECT f.nhi, COUNT(*) AS n FROM "Finding" f LEFT JOIN "Consumer" c ON c.id = f."consumerId"
     WHERE f.status = 'OPEN' AND (f."consumerId" IS NULL${filter.teamId || filter.environment ? " AND 1 = 0" : ""} OR (${c})) GROUP BY f.nhi`,
  );
  const m: Overview = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  m["credentials.longLivedShare"] = pct(m["credentials.longLived"], m["credentials.live"]);
  m["tokens.overPolicyShare"] = pct(m["tokens.overPolicy"], m["tokens.known"]);
  m["grants.broadShare"] = pct(m["grants.broad"], m["grants.active"]);
  m["agents.aboveBaselineShare"] = pct(m["agents.aboveBaseline"], m["consumers.AGENT"]);
  m["reviews.completion"] = pct(m["reviews.closed"], m["reviews.items"]);
  for (const nhi of NHI_ITEMS) m[`findings.${nhi}`] = 0;
  for (const f of findings) m[`findings.${f.nhi}`] = Number(f.n);
  return m;
}

const dayOf = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));

/** Today's organisation-wide figures, kept once a day (a second run the same day overwrites). */
export async function snapshotMetrics(now = new Date()): Promise<number> {
  const metrics = await overviewMetrics({}, now);
  const day = dayOf(now);
  await db.$transaction(async (tx) => {
    await tx.metricSnapshot.deleteMany({ where: { day } });
    await tx.metricSnapshot.createMany({ data: Object.entries(metrics).map(([metric, value]) => ({ day, metric, value })) });
  });
  return Object.keys(metrics).length;
}

export async function snapshotDue(now = new Date()) {
  return (await db.metricSnapshot.count({ where: { day: dayOf(now) } })) === 0;
}

/** Each figure's value on the latest snapshot at least 30 days old, for "change over 30 days". */
export async function valuesThirtyDaysAgo(now = new Date()): Promise<Overview | null> {
  const target = dayOf(new Date(now.getTime() - 30 * 86_400_000));
  const latest = await db.metricSnapshot.findFirst({ where: { day: { lte: target } }, orderBy: { day: "desc" }, select: { day: true } });
  if (!latest) return null;
  const rows = await db.metricSnapshot.findMany({ where: { day: latest.day } });
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}
