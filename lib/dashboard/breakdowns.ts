// The detailed dashboards: token lifetimes, scope breadth, agents against human roles. Each
// figure is one aggregate query in the database, narrowed by the same team / environment
// filter as the overview.
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import { Sql } from "@/lib/findings/sql";
import { loadPolicy } from "@/lib/policy/policy";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db, provider } from "@/lib/server/db";
import { consumerCondition, rawRows, tokenLimit, type DashboardFilter } from "./metrics";

export const KINDS = CONSUMER_KINDS;
export const LIFETIME_BUCKETS = ["≤5 min", "≤15 min", "≤1 h", "≤8 h", "≤24 h", "≤7 d", ">7 d", "never expires"] as const;
const LIFETIME_CASE = (col: string) => `CASE WHEN ${col} IS NULL THEN 7 WHEN ${col} <= 300 THEN 0 WHEN ${col} <= 900 THEN 1 WHEN ${col} <= 3600 THEN 2
  WHEN ${col} <= 28800 THEN 3 WHEN ${col} <= 86400 THEN 4 WHEN ${col} <= 604800 THEN 5 ELSE 6 END`;
export const AGE_BUCKETS = ["≤30 d", "≤90 d", "≤180 d", "≤1 y", ">1 y"] as const;
export const BREADTH_BUCKETS = ["≤10%", "≤25%", "≤50%", "≤75%", "<100%", "100%"] as const;
export const INDUSTRY_AGENT_SHARE = 70;

/** Rows of (bucket index, kind, n) into one row per bucket with a column per kind. */
function pivot<B extends readonly string[]>(buckets: B, rows: { bucket: number; kind: string; n: number }[], keys: readonly string[]) {
  return buckets.map((label, i) => ({
    label,
    ...Object.fromEntries(keys.map((k) => [k, Number(rows.find((r) => Number(r.bucket) === i && r.kind === k)?.n ?? 0)])),
  }));
}

export async function tokenDashboard(ctx: Ctx, filter: DashboardFilter, now = new Date()) {
  requirePermission(ctx, "dashboard.read");
  const policy = await loadPolicy(db);
  const q = new Sql(provider());
  const c = consumerCondition(q, "c", filter);
  const live = `FROM "Credential" k JOIN "ConsumerCredential" cc ON cc."credentialId" = k.id JOIN "Consumer" c ON c.id = cc."consumerId" WHERE k."revokedAt" IS NULL AND ${c}`;
  const rotated = 'COALESCE(k."lastRotatedAt", k."createdAt")';
  const days = q.daysSince(rotated, now);
  const [lifetimes, ages, neverExpiring, overPolicy, constraint] = await Promise.all([
    rawRows<{ bucket: number; kind: string; n: number }>(q, `SELECT ${LIFETIME_CASE('k."accessTokenTtlSeconds"')} AS bucket, ${q.text("c.kind")} AS kind, COUNT(*) AS n ${live} GROUP BY 1, 2`),
    rawRows<{ bucket: number; kind: string; n: number }>(
      q,
      `SELECT CASE WHEN ${days} <= 30 THEN 0 WHEN ${days} <= 90 THEN 1 WHEN ${days} <= 180 THEN 2 WHEN ${days} <= 365 THEN 3 ELSE 4 END AS bucket, ${q.text("c.kind")} AS kind, COUNT(*) AS n ${live} GROUP BY 1, 2`,
    ),
    rawRows<{ kind: string; n: number }>(q, `SELECT ${q.text("c.kind")} AS kind, COUNT(*) AS n ${live} AND k."expiresAt" IS NULL GROUP BY 1`),
    rawRows<{ kind: string; n: number }>(q, `SELECT ${q.text("c.kind")} AS kind, COUNT(*) AS n ${live} AND k."accessTokenTtlSeconds" > ${tokenLimit(policy, "c")} GROUP BY 1`),
    // Active grants by the highest level of scope they hold, and whether the consumer presents a bearer credential.
    rawRows<{ level: string; bearer: number; n: number }>(
      q,
      `SELECT x.level, x.bearer, COUNT(*) AS n FROM (
         SELECT g.id, CASE WHEN MAX(CASE s.level WHEN 'ADMIN' THEN 3 WHEN 'WRITE' THEN 2 ELSE 1 END) = 3 THEN 'ADMIN'
             WHEN MAX(CASE s.level WHEN 'ADMIN' THEN 3 WHEN 'WRITE' THEN 2 ELSE 1 END) = 2 THEN 'WRITE' ELSE 'READ' END AS level,
           CASE WHEN EXISTS (SELECT 1 FROM "ConsumerCredential" cb JOIN "Credential" kb ON kb.id = cb."credentialId"
             WHERE cb."consumerId" = g."consumerId" AND kb."revokedAt" IS NULL AND kb."senderConstraint" = 'BEARER') THEN 1 ELSE 0 END AS bearer
         FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "GrantScope" gs ON gs."grantId" = g.id JOIN "Scope" s ON s.id = gs."scopeId"
         WHERE g.status = 'ACTIVE' AND ${c} GROUP BY g.id, g."consumerId") x
       GROUP BY x.level, x.bearer`,
    ),
  ]);
  return {
    policy: policy.maxTokenLifetime,
    lifetimes: pivot(LIFETIME_BUCKETS, lifetimes, KINDS),
    ages: pivot(AGE_BUCKETS, ages, KINDS),
    neverExpiring: Object.fromEntries(KINDS.map((k) => [k, Number(neverExpiring.find((r) => r.kind === k)?.n ?? 0)])) as Record<(typeof KINDS)[number], number>,
    overPolicy: Object.fromEntries(KINDS.map((k) => [k, Number(overPolicy.find((r) => r.kind === k)?.n ?? 0)])) as Record<(typeof KINDS)[number], number>,
    constraint: (["READ", "WRITE", "ADMIN"] as const).map((level) => ({
      label: level.toLowerCase(),
      bearer: Number(constraint.find((r) => r.level === level && Number(r.bearer) === 1)?.n ?? 0),
      constrained: Number(constraint.find((r) => r.level === level && Number(r.bearer) === 0)?.n ?? 0),
    })),
  };
}

export async function scopeDashboard(ctx: Ctx, filter: DashboardFilter, now = new Date()) {
  requirePermission(ctx, "dashboard.read");
  const policy = await loadPolicy(db);
  const q = new Sql(provider());
  const c = consumerCondition(q, "c", filter);
  const held = `SELECT g.id, g."consumerId", g."apiId", COUNT(*) AS held FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "GrantScope" gs ON gs."grantId" = g.id
    WHERE g.status = 'ACTIVE' AND ${c} GROUP BY g.id, g."consumerId", g."apiId"`;
  const declared = `SELECT "apiId", COUNT(*) AS declared FROM "Scope" GROUP BY "apiId"`;
  const ratio = "h.held * 100.0 / d.declared";
  const cutoff = q.at(new Date(now.getTime() - policy.unusedAfterDays * 86_400_000));
  const [breadth, levels, unused, broadest, heat] = await Promise.all([
    rawRows<{ bucket: number; n: number }>(
      q,
      `SELECT CASE WHEN ${ratio} <= 10 THEN 0 WHEN ${ratio} <= 25 THEN 1 WHEN ${ratio} <= 50 THEN 2 WHEN ${ratio} <= 75 THEN 3 WHEN h.held < d.declared THEN 4 ELSE 5 END AS bucket, COUNT(*) AS n
       FROM (${held}) h JOIN (${declared}) d ON d."apiId" = h."apiId" GROUP BY 1`,
    ),
    rawRows<{ level: string; n: number }>(
      q,
      `SELECT ${q.text("s.level")} AS level, COUNT(*) AS n FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "GrantScope" gs ON gs."grantId" = g.id JOIN "Scope" s ON s.id = gs."scopeId"
       WHERE g.status = 'ACTIVE' AND ${c} GROUP BY 1`,
    ),
    rawRows<{ n: number }>(
      q,
      `SELECT COUNT(*) AS n FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "GrantScope" gs ON gs."grantId" = g.id
       WHERE g.status = 'ACTIVE' AND ${c} AND g."createdAt" < ${cutoff} AND (gs."lastUsedAt" IS NULL OR gs."lastUsedAt" < ${cutoff})`,
    ),
    rawRows<{ id: string; consumer: string; api: string; held: number; declared: number }>(
      q,
      `SELECT h.id, c.name AS consumer, a.name AS api, h.held, d.declared FROM (${held}) h JOIN (${declared}) d ON d."apiId" = h."apiId"
       JOIN "Consumer" c ON c.id = h."consumerId" JOIN "Api" a ON a.id = h."apiId"
       ORDER BY ${ratio} DESC, h.held DESC, h.id LIMIT 10`,
    ),
    rawRows<{ exposure: string; classification: string; grants: number; findings: number }>(
      q,
      `SELECT ${q.text("a.exposure")} AS exposure, ${q.text("a.classification")} AS classification, COUNT(*) AS grants,
         SUM((SELECT COUNT(*) FROM "Finding" f WHERE f."grantId" = g.id AND f.status = 'OPEN')) AS findings
       FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "Api" a ON a.id = g."apiId"
       WHERE g.status = 'ACTIVE' AND ${c} GROUP BY 1, 2`,
    ),
  ]);
  const total = levels.reduce((sum, r) => sum + Number(r.n), 0);
  const share = (level: string) => (total ? Math.round((1000 * Number(levels.find((r) => r.level === level)?.n ?? 0)) / total) / 10 : 0);
  return {
    breadth: BREADTH_BUCKETS.map((label, i) => ({ label, grants: Number(breadth.find((r) => Number(r.bucket) === i)?.n ?? 0) })),
    grantedScopes: total,
    adminShare: share("ADMIN"),
    writeShare: share("WRITE"),
    unusedScopes: Number(unused[0]?.n ?? 0),
    unusedAfterDays: policy.unusedAfterDays,
    broadest: broadest.map((r) => ({ ...r, held: Number(r.held), declared: Number(r.declared) })),
    heat: heat.map((r) => ({ ...r, grants: Number(r.grants), findings: Number(r.findings ?? 0) })),
  };
}

export async function agentDashboard(ctx: Ctx, filter: DashboardFilter) {
  requirePermission(ctx, "dashboard.read");
  const q = new Sql(provider());
  const c = consumerCondition(q, "c", filter);
  const perAgent = `SELECT c.id, c.name, ${q.text("c.autonomy")} AS autonomy, r.name AS role,
      SUM(CASE WHEN j."scopeId" IS NULL THEN 0 ELSE 1 END) AS within,
      SUM(CASE WHEN j."scopeId" IS NULL AND gs."scopeId" IS NOT NULL THEN 1 ELSE 0 END) AS beyond
    FROM "Consumer" c LEFT JOIN "JobRole" r ON r.id = c."comparableRoleId"
    LEFT JOIN "Grant" g ON g."consumerId" = c.id AND g.status = 'ACTIVE'
    LEFT JOIN "GrantScope" gs ON gs."grantId" = g.id
    LEFT JOIN "JobRoleScope" j ON j."roleId" = c."comparableRoleId" AND j."scopeId" = gs."scopeId"
    WHERE c.kind = 'AGENT' AND ${c}
    GROUP BY c.id, c.name, c.autonomy, r.name`;
  const [agents, ownerless, lifetimes] = await Promise.all([
    rawRows<{ id: string; name: string; autonomy: string | null; role: string | null; within: number; beyond: number }>(q, `SELECT * FROM (${perAgent}) x ORDER BY x.beyond DESC, x.name`),
    rawRows<{ n: number }>(q, `SELECT COUNT(*) AS n FROM "Consumer" c LEFT JOIN "User" u ON u.id = c."ownerId" WHERE c.kind = 'AGENT' AND ${c} AND (c."ownerId" IS NULL OR NOT u.active)`),
    rawRows<{ bucket: number; kind: string; n: number }>(
      q,
      `SELECT ${LIFETIME_CASE('k."accessTokenTtlSeconds"')} AS bucket, ${q.text("c.kind")} AS kind, COUNT(*) AS n
       FROM "Credential" k JOIN "ConsumerCredential" cc ON cc."credentialId" = k.id JOIN "Consumer" c ON c.id = cc."consumerId"
       WHERE k."revokedAt" IS NULL AND c.kind IN ('AGENT', 'HUMAN') AND ${c} GROUP BY 1, 2`,
    ),
  ]);
  const rows = agents.map((a) => ({ ...a, within: Number(a.within), beyond: Number(a.beyond) }));
  const above = rows.filter((a) => a.beyond > 0).length;
  const autonomy = ["HUMAN_IN_THE_LOOP", "SUPERVISED", "AUTONOMOUS"].map((level) => {
    const group = rows.filter((a) => a.autonomy === level);
    return { label: level, above: group.filter((a) => a.beyond > 0).length, within: group.filter((a) => a.beyond === 0).length };
  });
  return {
    total: rows.length,
    above,
    share: rows.length ? Math.round((1000 * above) / rows.length) / 10 : 0,
    top: rows.slice(0, 15),
    autonomy,
    ownerless: Number(ownerless[0]?.n ?? 0),
    lifetimes: pivot(LIFETIME_BUCKETS, lifetimes, ["AGENT", "HUMAN"]),
  };
}
