// The risk rules of PRODUCT.md, each one set-based SQL over the whole catalogue. A rule
// yields one row per finding: a stable fingerprint (rule + subject), a severity, an
// explanation in words with the numbers that fired it, and the entities it concerns.
// Thresholds come from the policy and are bound as parameters.
import { CONSUMER_KINDS } from "@/lib/catalogue/states";
import type { FindingRule } from "@/lib/generated/prisma/enums";
import { formatDuration } from "@/lib/format";
import type { Policy } from "@/lib/policy/policy";
import type { Sql } from "@/lib/sql/dialect";

export type RuleContext = { now: Date; policy: Policy };
export type RuleDefinition = {
  rule: FindingRule;
  nhi: `NHI${number}:2025`;
  title: string;
  /** SELECT fp, severity, explanation, "consumerId", "credentialId", "grantId", "apiId". */
  select: (q: Sql, ctx: RuleContext) => string;
};

const DAY = 86_400_000;
const before = (ctx: RuleContext, days: number) => new Date(ctx.now.getTime() - days * DAY);
// Partners and agents on internal APIs must have been reviewed within this many days.
export const PARTNER_REVIEW_DAYS = 180;
// Browser use of a machine identity counts within this window.
export const INTERACTIVE_WINDOW_DAYS = 90;

/** The first consumer a credential serves, so credential findings filter by consumer like the rest. */
const servedBy = (credential: string) => `(SELECT MIN(cc0."consumerId") FROM "ConsumerCredential" cc0 WHERE cc0."credentialId" = ${credential})`;

export const RULES: RuleDefinition[] = [
  {
    rule: "OWNERLESS_CONSUMER",
    nhi: "NHI1:2025",
    title: "Ownerless consumer",
    select: () => `
      SELECT 'OWNERLESS_CONSUMER:' || c.id AS fp, 'HIGH' AS severity,
        CASE WHEN c."ownerId" IS NULL THEN 'No accountable owner' ELSE 'Owner ' || u.name || ' is deactivated' END AS explanation,
        c.id AS "consumerId", NULL AS "credentialId", NULL AS "grantId", NULL AS "apiId"
      FROM "Consumer" c LEFT JOIN "User" u ON u.id = c."ownerId"
      WHERE c.status <> 'DECOMMISSIONED' AND (c."ownerId" IS NULL OR NOT u.active)
      UNION ALL
      SELECT 'OWNERLESS_CONSUMER:' || g.id, 'HIGH', 'Holds a live grant on ' || a.name || ', which is retired', g."consumerId", NULL, g.id, a.id
      FROM "Grant" g JOIN "Api" a ON a.id = g."apiId"
      WHERE g.status = 'ACTIVE' AND a.lifecycle = 'RETIRED'`,
  },
  {
    rule: "LEAKED_CREDENTIAL",
    nhi: "NHI2:2025",
    title: "Leaked credential still valid",
    select: (q) => `
      SELECT 'LEAKED_CREDENTIAL:' || k.id AS fp, 'CRITICAL' AS severity,
        'Reported leaked on ' || ${q.day('k."leakedAt"')} || COALESCE(' by ' || k."leakSource", '') || ' and not revoked' AS explanation,
        ${servedBy("k.id")} AS "consumerId", k.id AS "credentialId", NULL AS "grantId", NULL AS "apiId"
      FROM "Credential" k
      WHERE k."leakedAt" IS NOT NULL AND k."revokedAt" IS NULL`,
  },
  {
    rule: "PARTNER_INTERNAL_REACH",
    nhi: "NHI3:2025",
    title: "Partner reach into an internal API",
    select: (q, ctx) => `
      SELECT 'PARTNER_INTERNAL_REACH:' || g.id AS fp, 'HIGH' AS severity,
        CASE WHEN c.kind = 'PARTNER' THEN 'Partner app' ELSE 'Agent' END || ' on internal API ' || a.name ||
        CASE WHEN g."lastReviewedAt" IS NULL THEN ', never reviewed' ELSE ', last reviewed ' || ${q.text(q.daysSince('g."lastReviewedAt"', ctx.now))} || ' days ago' END ||
        ' (review at least every ${PARTNER_REVIEW_DAYS} days)' AS explanation,
        g."consumerId" AS "consumerId", NULL AS "credentialId", g.id AS "grantId", a.id AS "apiId"
      FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "Api" a ON a.id = g."apiId"
      WHERE g.status = 'ACTIVE' AND c.kind IN ('PARTNER', 'AGENT') AND a.exposure = 'INTERNAL'
        AND (g."lastReviewedAt" IS NULL OR g."lastReviewedAt" < ${q.at(before(ctx, PARTNER_REVIEW_DAYS))})
      UNION ALL
      SELECT 'PARTNER_INTERNAL_REACH:' || c.id || ':' || k.id, 'HIGH', 'Partner app credential ' || k.label || ' never expires', c.id, k.id, NULL, NULL
      FROM "Consumer" c JOIN "ConsumerCredential" cc ON cc."consumerId" = c.id JOIN "Credential" k ON k.id = cc."credentialId"
      WHERE c.kind = 'PARTNER' AND c.status <> 'DECOMMISSIONED' AND k."expiresAt" IS NULL AND k."revokedAt" IS NULL`,
  },
  {
    rule: "BEARER_WRITE",
    nhi: "NHI4:2025",
    title: "Bearer credential on write/admin",
    select: (q) => `
      SELECT 'BEARER_WRITE:' || g.id AS fp, 'HIGH' AS severity,
        'Holds ' || ${q.counted("w.n", "write/admin scope")} || ' (' || w.names || ') and authenticates with bearer credential ' || b.label || ' (no DPoP or mTLS)' AS explanation,
        g."consumerId" AS "consumerId", NULL AS "credentialId", g.id AS "grantId", g."apiId" AS "apiId"
      FROM "Grant" g
      JOIN (SELECT gs."grantId", COUNT(*) AS n, ${q.list("s.name")} AS names
            FROM "GrantScope" gs JOIN "Scope" s ON s.id = gs."scopeId"
            WHERE s.level IN ('WRITE', 'ADMIN') GROUP BY gs."grantId") w ON w."grantId" = g.id
      JOIN (SELECT cc."consumerId", MIN(k.label) AS label
            FROM "ConsumerCredential" cc JOIN "Credential" k ON k.id = cc."credentialId"
            WHERE k."revokedAt" IS NULL AND k."senderConstraint" = 'BEARER' GROUP BY cc."consumerId") b ON b."consumerId" = g."consumerId"
      WHERE g.status = 'ACTIVE'`,
  },
  {
    rule: "INSECURE_OAUTH_FLOW",
    nhi: "NHI4:2025",
    title: "Implicit or password OAuth flow declared",
    select: () => `
      SELECT 'INSECURE_OAUTH_FLOW:' || a.id AS fp, 'MEDIUM' AS severity,
        'Declares the ' || CASE WHEN a."declaresImplicitFlow" AND a."declaresPasswordFlow" THEN 'implicit and password flows'
          WHEN a."declaresImplicitFlow" THEN 'implicit flow' ELSE 'password flow' END || ', insecure by design' AS explanation,
        NULL AS "consumerId", NULL AS "credentialId", NULL AS "grantId", a.id AS "apiId"
      FROM "Api" a
      WHERE (a."declaresImplicitFlow" OR a."declaresPasswordFlow") AND a.lifecycle <> 'RETIRED'`,
  },
  {
    rule: "BROAD_GRANT",
    nhi: "NHI5:2025",
    title: "Broad grant",
    select: (q) => `
      SELECT 'BROAD_GRANT:' || g.id AS fp,
        CASE WHEN x.admins > 0 OR (a.classification = 'RESTRICTED' AND x.writes > 0) THEN 'HIGH' ELSE 'MEDIUM' END AS severity,
        'Holds ' || ${q.text("x.held")} || ' of ' || ${q.text("d.declared")} || ' scopes of ' || a.name || ' (' || ${q.text("CAST(x.held * 100 / d.declared AS INTEGER)")} || '%)' ||
        CASE WHEN x.admins > 0 THEN '; ' || ${q.counted("x.admins", "admin scope")} ELSE '' END ||
        CASE WHEN a.classification = 'RESTRICTED' AND x.writes > 0 THEN '; write access to RESTRICTED data' ELSE '' END AS explanation,
        g."consumerId" AS "consumerId", NULL AS "credentialId", g.id AS "grantId", g."apiId" AS "apiId"
      FROM "Grant" g JOIN "Api" a ON a.id = g."apiId"
      JOIN (SELECT gs."grantId", COUNT(*) AS held,
              SUM(CASE WHEN s.level = 'ADMIN' THEN 1 ELSE 0 END) AS admins,
              SUM(CASE WHEN s.level = 'WRITE' THEN 1 ELSE 0 END) AS writes
            FROM "GrantScope" gs JOIN "Scope" s ON s.id = gs."scopeId" GROUP BY gs."grantId") x ON x."grantId" = g.id
      JOIN (SELECT "apiId", COUNT(*) AS declared FROM "Scope" GROUP BY "apiId") d ON d."apiId" = g."apiId"
      WHERE g.status = 'ACTIVE' AND (x.admins > 0 OR x.held * 2 > d.declared OR (a.classification = 'RESTRICTED' AND x.writes > 0))`,
  },
  {
    rule: "AGENT_ABOVE_BASELINE",
    nhi: "NHI5:2025",
    title: "Agent above its human baseline",
    select: (q) => `
      SELECT 'AGENT_ABOVE_BASELINE:' || g.id AS fp, 'HIGH' AS severity,
        CASE WHEN r.id IS NULL THEN 'Agent has no comparable human role; holds ' || ${q.counted("b.n", "scope")} || ' on ' || a.name
          ELSE ${q.counted("b.n", "scope")} || ' beyond the baseline of ' || r.name || ': ' || b.names END AS explanation,
        g."consumerId" AS "consumerId", NULL AS "credentialId", g.id AS "grantId", g."apiId" AS "apiId"
      FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "Api" a ON a.id = g."apiId"
      LEFT JOIN "JobRole" r ON r.id = c."comparableRoleId"
      JOIN (SELECT gs."grantId", COUNT(*) AS n, ${q.list("s.name")} AS names
            FROM "GrantScope" gs JOIN "Scope" s ON s.id = gs."scopeId"
            JOIN "Grant" g2 ON g2.id = gs."grantId" JOIN "Consumer" c2 ON c2.id = g2."consumerId"
            WHERE c2.kind = 'AGENT' AND g2.status = 'ACTIVE'
              AND NOT EXISTS (SELECT 1 FROM "JobRoleScope" j WHERE j."roleId" = c2."comparableRoleId" AND j."scopeId" = gs."scopeId")
            GROUP BY gs."grantId") b ON b."grantId" = g.id
      WHERE g.status = 'ACTIVE' AND c.kind = 'AGENT'`,
  },
  {
    rule: "UNUSED_GRANT",
    nhi: "NHI5:2025",
    title: "Unused grant",
    select: (q, ctx) => {
      const cutoff = before(ctx, ctx.policy.unusedAfterDays);
      return `
      SELECT 'UNUSED_GRANT:' || g.id AS fp, 'LOW' AS severity,
        CASE WHEN g."lastUsedAt" IS NULL THEN 'Never used in the ' || ${q.text(q.daysSince('g."createdAt"', ctx.now))} || ' days since it was granted'
          ELSE 'Not used for ' || ${q.text(q.daysSince('g."lastUsedAt"', ctx.now))} || ' days (last used ' || ${q.day('g."lastUsedAt"')} || ')' END ||
        '; threshold ${ctx.policy.unusedAfterDays} days' AS explanation,
        g."consumerId" AS "consumerId", NULL AS "credentialId", g.id AS "grantId", g."apiId" AS "apiId"
      FROM "Grant" g
      WHERE g.status = 'ACTIVE' AND g."createdAt" < ${q.at(cutoff)} AND (g."lastUsedAt" IS NULL OR g."lastUsedAt" < ${q.at(cutoff)})`;
    },
  },
  {
    rule: "UNUSED_SCOPES",
    nhi: "NHI5:2025",
    title: "Scopes granted but unused",
    select: (q, ctx) => {
      const cutoff = before(ctx, ctx.policy.unusedAfterDays);
      return `
      SELECT 'UNUSED_SCOPES:' || g.id AS fp, 'LOW' AS severity,
        ${q.text("u.n")} || ' of ' || ${q.text("u.held")} || ' scopes unused in ${ctx.policy.unusedAfterDays} days: ' || u.names AS explanation,
        g."consumerId" AS "consumerId", NULL AS "credentialId", g.id AS "grantId", g."apiId" AS "apiId"
      FROM "Grant" g
      JOIN (SELECT gs."grantId", COUNT(*) AS held,
              SUM(CASE WHEN gs."lastUsedAt" IS NULL OR gs."lastUsedAt" < ${q.at(cutoff)} THEN 1 ELSE 0 END) AS n,
              ${q.list(`CASE WHEN gs."lastUsedAt" IS NULL OR gs."lastUsedAt" < ${q.at(cutoff)} THEN s.name END`)} AS names
            FROM "GrantScope" gs JOIN "Scope" s ON s.id = gs."scopeId" GROUP BY gs."grantId") u ON u."grantId" = g.id
      WHERE g.status = 'ACTIVE' AND g."createdAt" < ${q.at(cutoff)} AND g."lastUsedAt" >= ${q.at(cutoff)} AND u.n > 0`;
    },
  },
  {
    rule: "STATIC_PIPELINE_SECRET",
    nhi: "NHI6:2025",
    title: "Static credential in a pipeline",
    select: (q) => `
      SELECT 'STATIC_PIPELINE_SECRET:' || c.id || ':' || k.id AS fp, 'MEDIUM' AS severity,
        'CI/CD pipeline authenticates with a static ' || LOWER(REPLACE(${q.text("k.type")}, '_', ' ')) || ' (' || k.label || ') instead of workload identity federation' AS explanation,
        c.id AS "consumerId", k.id AS "credentialId", NULL AS "grantId", NULL AS "apiId"
      FROM "Consumer" c JOIN "ConsumerCredential" cc ON cc."consumerId" = c.id JOIN "Credential" k ON k.id = cc."credentialId"
      WHERE c.kind = 'SERVICE' AND c."isCiPipeline" AND c.status <> 'DECOMMISSIONED' AND k."revokedAt" IS NULL
        AND k.type IN ('API_KEY', 'CLIENT_SECRET', 'PERSONAL_ACCESS_TOKEN')`,
  },
  {
    rule: "LONG_LIVED_CREDENTIAL",
    nhi: "NHI7:2025",
    title: "Long-lived credential",
    select: (q, ctx) => {
      const age = ctx.policy.maxCredentialAgeDays;
      const rotated = 'COALESCE(k."lastRotatedAt", k."createdAt")';
      const stale = `${rotated} < ${q.at(before(ctx, age))}`;
      return `
      SELECT 'LONG_LIVED_CREDENTIAL:' || k.id AS fp,
        CASE WHEN k."expiresAt" IS NULL AND ${stale} THEN 'HIGH' ELSE 'MEDIUM' END AS severity,
        TRIM(CASE WHEN k."expiresAt" IS NULL THEN 'Never expires. ' ELSE '' END ||
          CASE WHEN ${stale} THEN 'Not rotated for ' || ${q.text(q.daysSince(rotated, ctx.now))} || ' days; policy ${age} days.' ELSE '' END) AS explanation,
        ${servedBy("k.id")} AS "consumerId", k.id AS "credentialId", NULL AS "grantId", NULL AS "apiId"
      FROM "Credential" k
      WHERE k."revokedAt" IS NULL AND (k."expiresAt" IS NULL OR ${stale})`;
    },
  },
  {
    rule: "LONG_TOKEN_LIFETIME",
    nhi: "NHI7:2025",
    title: "Long access-token lifetime",
    select: (q, ctx) => {
      const limits = ctx.policy.maxTokenLifetime;
      const limit = `(CASE c.kind WHEN 'HUMAN' THEN ${limits.HUMAN} WHEN 'SERVICE' THEN ${limits.SERVICE} WHEN 'PARTNER' THEN ${limits.PARTNER} ELSE ${limits.AGENT} END)`;
      const limitText = `(CASE c.kind ${CONSUMER_KINDS.map((k) => `WHEN '${k}' THEN ${q.p(formatDuration(limits[k]))}`).join(" ")} END)`;
      return `
      SELECT 'LONG_TOKEN_LIFETIME:' || k.id || ':' || c.id AS fp,
        CASE WHEN k."accessTokenTtlSeconds" > 8 * ${limit} THEN 'HIGH' ELSE 'MEDIUM' END AS severity,
        'Access-token lifetime ' || ${q.duration('k."accessTokenTtlSeconds"')} || ', policy for ' || ${q.text("c.kind")} || ' is ' || ${limitText} AS explanation,
        c.id AS "consumerId", k.id AS "credentialId", NULL AS "grantId", NULL AS "apiId"
      FROM "Credential" k JOIN "ConsumerCredential" cc ON cc."credentialId" = k.id JOIN "Consumer" c ON c.id = cc."consumerId"
      WHERE k."revokedAt" IS NULL AND c.status <> 'DECOMMISSIONED' AND k."accessTokenTtlSeconds" > ${limit}`;
    },
  },
  {
    rule: "ENVIRONMENT_CROSSING",
    nhi: "NHI8:2025",
    title: "Environment crossing",
    select: (q) => `
      SELECT 'ENVIRONMENT_CROSSING:' || e."credentialId" AS fp, 'MEDIUM' AS severity,
        'Credential ' || k.label || ' holds live grants in ' || ${q.text("COUNT(*)")} || ' environments: ' || ${q.list(q.text("e.env"))} AS explanation,
        ${servedBy('e."credentialId"')} AS "consumerId", e."credentialId" AS "credentialId", NULL AS "grantId", NULL AS "apiId"
      FROM (SELECT DISTINCT cc."credentialId", a.environment AS env
            FROM "ConsumerCredential" cc JOIN "Grant" g ON g."consumerId" = cc."consumerId" AND g.status = 'ACTIVE' JOIN "Api" a ON a.id = g."apiId") e
      JOIN "Credential" k ON k.id = e."credentialId"
      WHERE k."revokedAt" IS NULL
      GROUP BY e."credentialId", k.label
      HAVING COUNT(*) > 1
      UNION ALL
      SELECT 'ENVIRONMENT_CROSSING:' || g.id, 'MEDIUM',
        'A ' || LOWER(${q.text("c.environment")}) || ' consumer holds a live grant on production API ' || a.name, c.id, NULL, g.id, a.id
      FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "Api" a ON a.id = g."apiId"
      WHERE g.status = 'ACTIVE' AND c.environment <> 'PRODUCTION' AND a.environment = 'PRODUCTION'`,
  },
  {
    rule: "SHARED_CREDENTIAL",
    nhi: "NHI9:2025",
    title: "Shared credential",
    select: (q) => `
      SELECT 'SHARED_CREDENTIAL:' || k.id AS fp, 'HIGH' AS severity,
        'Credential ' || k.label || ' serves ' || ${q.text("COUNT(*)")} || ' consumers: ' || ${q.list("c.name")} AS explanation,
        MIN(c.id) AS "consumerId", k.id AS "credentialId", NULL AS "grantId", NULL AS "apiId"
      FROM "Credential" k JOIN "ConsumerCredential" cc ON cc."credentialId" = k.id JOIN "Consumer" c ON c.id = cc."consumerId"
      WHERE k."revokedAt" IS NULL AND c.status <> 'DECOMMISSIONED'
      GROUP BY k.id, k.label
      HAVING COUNT(*) > 1`,
  },
  {
    rule: "HUMAN_USE_OF_MACHINE",
    nhi: "NHI10:2025",
    title: "Human use of a machine identity",
    select: (q, ctx) => `
      SELECT 'HUMAN_USE_OF_MACHINE:' || c.id AS fp, 'HIGH' AS severity,
        ${q.counted("u.n", "call")} || ' from a browser in the last ${INTERACTIVE_WINDOW_DAYS} days, last on ' || ${q.day("u.last")} AS explanation,
        c.id AS "consumerId", NULL AS "credentialId", NULL AS "grantId", NULL AS "apiId"
      FROM (SELECT e."consumerId", COUNT(*) AS n, MAX(e."occurredAt") AS last FROM "UsageEvent" e
            WHERE e."clientType" = 'browser' AND e."occurredAt" >= ${q.at(before(ctx, INTERACTIVE_WINDOW_DAYS))}
            GROUP BY e."consumerId") u
      JOIN "Consumer" c ON c.id = u."consumerId"
      WHERE c.kind IN ('SERVICE', 'AGENT') AND c.status <> 'DECOMMISSIONED'`,
  },
  {
    rule: "SCOPE_REMOVED_FROM_DOCUMENT",
    nhi: "NHI5:2025",
    title: "Grant holds a scope its API no longer declares",
    select: (q) => `
      SELECT 'SCOPE_REMOVED_FROM_DOCUMENT:' || g.id AS fp, 'MEDIUM' AS severity,
        'Holds ' || r.names || ', which the document of ' || a.name || ' no longer declares: decisions deny it; reduce the grant' AS explanation,
        g."consumerId" AS "consumerId", NULL AS "credentialId", g.id AS "grantId", g."apiId" AS "apiId"
      FROM "Grant" g
      JOIN (SELECT gs."grantId", ${q.list("s.name")} AS names FROM "GrantScope" gs JOIN "Scope" s ON s.id = gs."scopeId"
            WHERE s."removedAt" IS NOT NULL GROUP BY gs."grantId") r ON r."grantId" = g.id
      JOIN "Api" a ON a.id = g."apiId"
      WHERE g.status IN ('ACTIVE', 'PENDING', 'SUSPENDED')`,
  },
];

export const RULE_BY_NAME = new Map(RULES.map((r) => [r.rule, r]));
