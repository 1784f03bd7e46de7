// The dashboards' aggregates, computed in the database and kept as DashboardCell rows per
// consumer team and environment (the dashboards' filter). Counting a million grants takes
// seconds; summing a few hundred cells takes a millisecond, so every dashboard and every
// filter reads cells, and the cells are recomputed in the background with the findings
// (a moment after a change, and on the runner's schedule). Each measure is one set-based
// statement yielding (team, env, k1, k2, v1, v2) rows: k1/k2 are its dimensions, v1/v2 its
// values, named in measures.ts and read only by those names. Counts add up across cells; the two ranked lists keep each cell's top rows, and
// the top of the union of per-cell tops is the top of the whole.
import { Sql } from "@/lib/sql/dialect";
import { loadPolicy, type Policy } from "@/lib/policy/policy";
import { bulkInsert, type Column } from "@/lib/server/bulk-insert";
import { randomUUID } from "node:crypto";
import { db, provider, type Tx } from "@/lib/server/db";
import { rawRows } from "@/lib/sql/raw-rows";
import { parseRows, sqlNumber } from "@/lib/sql/rows";
import { z } from "zod";
import type { DashboardFilter } from "./filter";
import { columns, named, type Dimension, type MeasureName, type MeasureRow, type Value } from "./measures";

export const LIFETIME_CASE = (col: string) => `CASE WHEN ${col} IS NULL THEN 7 WHEN ${col} <= 300 THEN 0 WHEN ${col} <= 900 THEN 1 WHEN ${col} <= 3600 THEN 2
  WHEN ${col} <= 28800 THEN 3 WHEN ${col} <= 86400 THEN 4 WHEN ${col} <= 604800 THEN 5 ELSE 6 END`;

/** SQL: the access-token lifetime limit for the consumer kind of the alias, from policy. */
export function tokenLimit(policy: Policy, alias: string) {
  const l = policy.maxTokenLifetime;
  return `(CASE ${alias}.kind WHEN 'HUMAN' THEN ${l.HUMAN} WHEN 'SERVICE' THEN ${l.SERVICE} WHEN 'PARTNER' THEN ${l.PARTNER} ELSE ${l.AGENT} END)`;
}

export const TOP_LIMITS = { "scope.broadest": 10, "agents.top": 15 } as const;

/** The measures each dashboard reads. */
export const DASHBOARD_MEASURES = {
  overview: ["apis", "consumers", "grants.active", "credentials", "tokens", "grants.broad", "agents", "reviews", "reviews.overdue", "findings"],
  tokens: ["token.lifetimes", "token.ages", "tokens.neverExpiring", "tokens", "token.constraint"],
  scopes: ["scope.breadth", "scope.levels", "scope.unused", "scope.heat", "scope.broadest"],
  agents: ["agents", "agents.ownerless", "token.lifetimes", "agents.top"],
} as const satisfies Record<string, readonly MeasureName[]>;
type Measure = { name: MeasureName; sql: string };

/**
 * Where the per-grant and per-agent figures several measures share come from: inline
 * subqueries (each measure computes them again), or tables that hold them, computed once.
 */
type Shared = { perGrant: string; perAgent: string };

const LIVE = `c.status <> 'DECOMMISSIONED'`;

/**
 * The statements computing the figures several measures share, one row per grant and per live
 * agent. Each grant's scopes are read once, for its breadth, its highest level, its scopes at
 * each level and those unused since `unusedCutoff` (a grant younger than that has none unused).
 */
function sharedFigures(unusedCutoff: string) {
  const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const level = "MAX(CASE s.level WHEN 'ADMIN' THEN 3 WHEN 'WRITE' THEN 2 ELSE 1 END)";
  const unused = `g."createdAt" < ${unusedCutoff} AND (gs."lastUsedAt" IS NULL OR gs."lastUsedAt" < ${unusedCutoff})`;
  return {
    perGrant: `SELECT g.id, g."consumerId", g."apiId", c."teamId", c.environment, COUNT(*) AS held, ${level} AS level,
        ${count("s.level = 'READ'")} AS reads, ${count("s.level = 'WRITE'")} AS writes, ${count("s.level = 'ADMIN'")} AS admins, ${count(unused)} AS unused
      FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "GrantScope" gs ON gs."grantId" = g.id JOIN "Scope" s ON s.id = gs."scopeId"
      WHERE g.status = 'ACTIVE' AND ${LIVE} GROUP BY g.id, g."consumerId", g."apiId", c."teamId", c.environment`,
    // Each live agent with the granted scopes inside and outside its comparable role's baseline.
    perAgent: `SELECT c.id, c.name, c.autonomy, c."teamId", c.environment, COALESCE(x.within, 0) AS within, COALESCE(x.beyond, 0) AS beyond
      FROM "Consumer" c LEFT JOIN (
        SELECT g."consumerId" AS id, ${count('j."scopeId" IS NOT NULL')} AS within, ${count('j."scopeId" IS NULL')} AS beyond
        FROM "Consumer" a JOIN "Grant" g ON g."consumerId" = a.id JOIN "GrantScope" gs ON gs."grantId" = g.id
        LEFT JOIN "JobRoleScope" j ON j."roleId" = a."comparableRoleId" AND j."scopeId" = gs."scopeId"
        WHERE a.kind = 'AGENT' AND a.status <> 'DECOMMISSIONED' AND g.status = 'ACTIVE' GROUP BY g."consumerId") x ON x.id = c.id
      WHERE c.kind = 'AGENT' AND ${LIVE}`,
  };
}

/** The shared figures as subqueries of each measure: the plain SQL the benchmark's floor runs. */
function inline(unusedCutoff: string): Shared {
  const { perGrant, perAgent } = sharedFigures(unusedCutoff);
  return { perGrant: `(${perGrant})`, perAgent: `(${perAgent})` };
}

/** When `now` is past the policy's unused period, as SQL. */
const unusedSince = (q: Sql, policy: Policy, now: Date) => q.at(new Date(now.getTime() - policy.unusedAfterDays * 86_400_000));

function measures(q: Sql, policy: Policy, now: Date, shared: Shared = inline(unusedSince(q, policy, now))): Measure[] {
  const t = (expr: string) => q.text(expr);
  const none = t("''");
  // One row per consumer team × environment × dimensions.
  const cell = <M extends MeasureName>(name: M, dims: Record<Dimension<M>, string>, values: Record<Value<M>, string>, from: string): Measure => {
    const { k1, k2, v1, v2 } = columns(name, dims, values, none);
    return {
      name,
      sql: `SELECT ${t('c."teamId"')} AS team, ${t("c.environment")} AS env, ${k1} AS k1, ${k2} AS k2, ${v1} AS v1, ${v2} AS v2 ${from} GROUP BY 1, 2, 3, 4`,
    };
  };
  // The first `limit` rows of each team × environment by `order`.
  const top = (name: keyof typeof TOP_LIMITS, inner: string, order: string): Measure => ({
    name,
    sql: `SELECT team, env, k1, k2, v1, v2 FROM (SELECT x.*, ROW_NUMBER() OVER (PARTITION BY team, env ORDER BY ${order}) AS rn FROM (${inner}) x) r WHERE rn <= ${TOP_LIMITS[name]}`,
  });
  const credentialLinks = `FROM "Credential" k JOIN "ConsumerCredential" cc ON cc."credentialId" = k.id JOIN "Consumer" c ON c.id = cc."consumerId" WHERE k."revokedAt" IS NULL AND ${LIVE}`;
  const activeGrants = `FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" WHERE g.status = 'ACTIVE' AND ${LIVE}`;
  const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const rotated = 'COALESCE(k."lastRotatedAt", k."createdAt")';
  const days = q.daysSince(rotated, now);
  const longLivedCutoff = q.at(new Date(now.getTime() - policy.maxCredentialAgeDays * 86_400_000));
  const { perGrant, perAgent } = shared;
  const declared = `SELECT "apiId", COUNT(*) AS declared FROM "Scope" GROUP BY "apiId"`;
  const ratio = "h.held * 100.0 / d.declared";
  const reviewItems = `FROM "ReviewItem" i JOIN "Campaign" m ON m.id = i."campaignId" JOIN "Consumer" c ON c.id = i."consumerId" WHERE m.status = 'ACTIVE' AND ${LIVE}`;
  return [
    // APIs belong to a team but not to a consumer environment: the environment filter does not narrow them.
    {
      name: "apis",
      sql: `SELECT ${t('a."teamId"')} AS team, CAST(NULL AS TEXT) AS env, ${none} AS k1, ${none} AS k2, COUNT(*) AS v1, 0 AS v2 FROM "Api" a WHERE a.lifecycle <> 'RETIRED' GROUP BY 1`,
    },
    cell("consumers", { kind: t("c.kind") }, { consumers: "COUNT(*)" }, `FROM "Consumer" c WHERE ${LIVE}`),
    cell("grants.active", {}, { grants: "COUNT(*)" }, activeGrants),
    // A credential counts once, with the first of its live consumers: shared credentials are not counted twice.
    cell(
      "credentials",
      {},
      { live: "COUNT(*)", longLived: count(`k."expiresAt" IS NULL OR ${rotated} < ${longLivedCutoff}`) },
      `FROM "Credential" k JOIN (SELECT cc."credentialId" AS id, MIN(cc."consumerId") AS home FROM "ConsumerCredential" cc JOIN "Consumer" c ON c.id = cc."consumerId" WHERE ${LIVE} GROUP BY cc."credentialId") h ON h.id = k.id
       JOIN "Consumer" c ON c.id = h.home WHERE k."revokedAt" IS NULL`,
    ),
    cell(
      "tokens",
      { kind: t("c.kind") },
      { known: count('k."accessTokenTtlSeconds" IS NOT NULL'), overPolicy: count(`k."accessTokenTtlSeconds" > ${tokenLimit(policy, "c")}`) },
      credentialLinks,
    ),
    cell("tokens.neverExpiring", { kind: t("c.kind") }, { credentials: count('k."expiresAt" IS NULL') }, credentialLinks),
    cell("token.lifetimes", { bucket: t(LIFETIME_CASE('k."accessTokenTtlSeconds"')), kind: t("c.kind") }, { credentials: "COUNT(*)" }, credentialLinks),
    cell(
      "token.ages",
      {
        bucket: t(`CASE WHEN ${days} <= 30 THEN 0 WHEN ${days} <= 90 THEN 1 WHEN ${days} <= 180 THEN 2 WHEN ${days} <= 365 THEN 3 ELSE 4 END`),
        kind: t("c.kind"),
      },
      { credentials: "COUNT(*)" },
      credentialLinks,
    ),
    // Active grants by the highest level of scope they hold, and whether the consumer presents a bearer credential.
    {
      name: "token.constraint",
      sql: `SELECT ${t('h."teamId"')} AS team, ${t("h.environment")} AS env, CASE h.level WHEN 3 THEN 'ADMIN' WHEN 2 THEN 'WRITE' ELSE 'READ' END AS k1,
          CASE WHEN b."consumerId" IS NULL THEN '0' ELSE '1' END AS k2, COUNT(*) AS v1, 0 AS v2
        FROM ${perGrant} h LEFT JOIN (SELECT DISTINCT cb."consumerId" FROM "ConsumerCredential" cb JOIN "Credential" kb ON kb.id = cb."credentialId"
          WHERE kb."revokedAt" IS NULL AND kb."senderConstraint" = 'BEARER') b ON b."consumerId" = h."consumerId"
        GROUP BY 1, 2, 3, 4`,
    },
    {
      name: "grants.broad",
      sql: `SELECT ${t('c."teamId"')} AS team, ${t("c.environment")} AS env, ${none} AS k1, ${none} AS k2, COUNT(DISTINCT f."grantId") AS v1, 0 AS v2
        FROM "Finding" f JOIN "Grant" g ON g.id = f."grantId" JOIN "Consumer" c ON c.id = g."consumerId"
        WHERE f.rule = 'BROAD_GRANT' AND f.status = 'OPEN' AND g.status = 'ACTIVE' AND ${LIVE} GROUP BY 1, 2`,
    },
    {
      name: "scope.breadth",
      sql: `SELECT ${t('h."teamId"')} AS team, ${t("h.environment")} AS env,
          ${t(`CASE WHEN ${ratio} <= 10 THEN 0 WHEN ${ratio} <= 25 THEN 1 WHEN ${ratio} <= 50 THEN 2 WHEN ${ratio} <= 75 THEN 3 WHEN h.held < d.declared THEN 4 ELSE 5 END`)} AS k1,
          ${none} AS k2, COUNT(*) AS v1, 0 AS v2
        FROM ${perGrant} h JOIN (${declared}) d ON d."apiId" = h."apiId" GROUP BY 1, 2, 3, 4`,
    },
    top(
      "scope.broadest",
      `SELECT ${t('h."teamId"')} AS team, ${t("h.environment")} AS env, h.id AS k1, ${none} AS k2, h.held AS v1, d.declared AS v2
        FROM ${perGrant} h JOIN (${declared}) d ON d."apiId" = h."apiId"`,
      "x.v1 * 1.0 / x.v2 DESC, x.v1 DESC, x.k1",
    ),
    // Granted scopes by level, and those unused, summed from each grant's figures.
    {
      name: "scope.levels",
      sql: [
        ["READ", "reads"],
        ["WRITE", "writes"],
        ["ADMIN", "admins"],
      ]
        .map(
          ([
            level,
            column,
          ]) => `SELECT ${t('h."teamId"')} AS team, ${t("h.environment")} AS env, ${t(`'${level}'`)} AS k1, ${none} AS k2, SUM(h.${column}) AS v1, 0 AS v2
            FROM ${perGrant} h GROUP BY 1, 2 HAVING SUM(h.${column}) > 0`,
        )
        .join(" UNION ALL "),
    },
    {
      name: "scope.unused",
      sql: `SELECT ${t('h."teamId"')} AS team, ${t("h.environment")} AS env, ${none} AS k1, ${none} AS k2, SUM(h.unused) AS v1, 0 AS v2
        FROM ${perGrant} h GROUP BY 1, 2 HAVING SUM(h.unused) > 0`,
    },
    cell(
      "scope.heat",
      { exposure: t("a.exposure"), classification: t("a.classification") },
      { grants: "COUNT(*)", findings: "COALESCE(SUM(fc.n), 0)" },
      `FROM "Grant" g JOIN "Consumer" c ON c.id = g."consumerId" JOIN "Api" a ON a.id = g."apiId"
       LEFT JOIN (SELECT "grantId", COUNT(*) AS n FROM "Finding" WHERE status = 'OPEN' AND "grantId" IS NOT NULL GROUP BY "grantId") fc ON fc."grantId" = g.id
       WHERE g.status = 'ACTIVE' AND ${LIVE}`,
    ),
    {
      name: "agents",
      sql: `SELECT ${t('p."teamId"')} AS team, ${t("p.environment")} AS env, ${t("COALESCE(CAST(p.autonomy AS TEXT), '')")} AS k1, ${none} AS k2,
          ${count("p.beyond > 0")} AS v1, ${count("p.beyond = 0")} AS v2 FROM ${perAgent} p GROUP BY 1, 2, 3, 4`,
    },
    top(
      "agents.top",
      `SELECT ${t('p."teamId"')} AS team, ${t("p.environment")} AS env, p.id AS k1, p.name AS k2, p.within AS v1, p.beyond AS v2 FROM ${perAgent} p`,
      "x.v2 DESC, x.k2, x.k1",
    ),
    cell(
      "agents.ownerless",
      {},
      { agents: "COUNT(*)" },
      `FROM "Consumer" c LEFT JOIN "User" u ON u.id = c."ownerId" WHERE c.kind = 'AGENT' AND ${LIVE} AND (c."ownerId" IS NULL OR NOT u.active)`,
    ),
    cell("reviews", {}, { items: "COUNT(*)", closed: count("i.status = 'CLOSED'") }, reviewItems),
    cell("reviews.overdue", {}, { items: "COUNT(*)" }, `${reviewItems} AND i.status <> 'CLOSED' AND m."dueAt" < ${q.at(now)}`),
    // Findings without a consumer (an API's own) count only organisation-wide.
    {
      name: "findings",
      sql: `SELECT ${t('c."teamId"')} AS team, ${t("c.environment")} AS env, ${t("f.rule")} AS k1, ${t("f.severity")} AS k2, COUNT(*) AS v1,
          ${count(`f."firstSeenAt" >= ${q.at(new Date(now.getTime() - 30 * 86_400_000))}`)} AS v2
        FROM "Finding" f LEFT JOIN "Consumer" c ON c.id = f."consumerId"
        WHERE f.status = 'OPEN' AND (f."consumerId" IS NULL OR ${LIVE}) GROUP BY 1, 2, 3, 4`,
    },
  ];
}

const CELL_COLUMNS: Column[] = [
  { name: "measure", type: "text" },
  { name: "teamId", type: "text" },
  { name: "environment", type: "text" },
  { name: "k1", type: "text" },
  { name: "k2", type: "text" },
  { name: "v1", type: "int" },
  { name: "v2", type: "int" },
];

/**
 * The named measures' statements over the base tables, for the benchmark's floor: the same
 * aggregates as plain SQL, which is what the background refresh runs.
 */
export async function measureStatements(names: readonly string[], now = new Date()): Promise<[string, ...unknown[]][]> {
  const q = new Sql(provider());
  return measures(q, await loadPolicy(db), now)
    .filter((m) => names.includes(m.name))
    .map((m) => q.statement(m.sql));
}

const cellRow = z.object({
  team: z.string().nullable(),
  env: z.string().nullable(),
  k1: z.string().nullable(),
  k2: z.string().nullable(),
  v1: sqlNumber.nullable(),
  v2: sqlNumber.nullable(),
});

/**
 * Recomputes every measure and replaces all cells at once. The measures read first, outside
 * the transaction, so writers wait only for the short swap. Returns the number of cells.
 */
export async function refreshDashboards(now = new Date()): Promise<number> {
  const policy = await loadPolicy(db);
  const q = new Sql(provider());
  const rows = await withSharedFigures(q, unusedSince(q, policy, now), async (read, shared) => {
    const cells: Record<string, unknown>[] = [];
    for (const measure of measures(q, policy, now, shared))
      for (const r of await read(measure.sql))
        cells.push({ measure: measure.name, teamId: r.team, environment: r.env, k1: r.k1 ?? "", k2: r.k2 ?? "", v1: r.v1 ?? 0, v2: r.v2 ?? 0 });
    return cells;
  });
  await db.$transaction(
    async (tx) => {
      // Two runners refreshing at once take turns, so neither sees the other's half-written set.
      if (provider() === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('scopeward.dashboard-cells'))`);
      await tx.dashboardCell.deleteMany({});
      await bulkInsert(tx, "DashboardCell", CELL_COLUMNS, rows, now);
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
  return rows.length;
}

type Queryable = Pick<Tx, "$queryRawUnsafe" | "$executeRawUnsafe">;
type Read = (sql: string) => Promise<z.output<typeof cellRow>[]>;

/**
 * Runs `work` with the per-grant and per-agent figures that several measures share computed
 * once, into temporary tables of this run. Temporary tables belong to a connection: on
 * PostgreSQL a read-only transaction holds one from the pool (and drops them at its end); SQLite
 * has a single connection, where a transaction would hold up every other query meanwhile, so the
 * tables are made on it directly and dropped afterwards.
 */
async function withSharedFigures<T>(q: Sql, unusedCutoff: string, work: (read: Read, shared: Shared) => Promise<T>): Promise<T> {
  const run = randomUUID().replace(/-/g, "").slice(0, 16);
  const shared: Shared = { perGrant: `dashboard_grants_${run}`, perAgent: `dashboard_agents_${run}` };
  const figures = sharedFigures(unusedCutoff);
  const pg = provider() === "postgresql";
  const withTables = async (on: Queryable) => {
    for (const key of ["perGrant", "perAgent"] as const) {
      await on.$executeRawUnsafe(...q.statement(`CREATE TEMP TABLE ${shared[key]}${pg ? " ON COMMIT DROP" : ""} AS ${figures[key]}`));
      // The planner knows nothing of a new table until it is analysed.
      if (pg) await on.$executeRawUnsafe(`ANALYZE ${shared[key]}`);
    }
    return work(async (sql) => parseRows(cellRow, await on.$queryRawUnsafe<unknown[]>(...q.statement(sql))), shared);
  };
  if (pg) return db.$transaction((tx) => withTables(tx), { timeout: 600_000, maxWait: 60_000 });
  try {
    return await withTables(db);
  } finally {
    for (const table of Object.values(shared)) await db.$executeRawUnsafe(`DROP TABLE IF EXISTS temp.${table}`);
  }
}

// A first computation in flight, shared by the reads that arrive while it runs.
let firstComputation: Promise<number> | null = null;

/** Computes the cells when there are none yet (a new database), so a dashboard is never blank for that. */
async function ensureCells() {
  if (await db.dashboardCell.findFirst({ select: { id: true } })) return;
  firstComputation ??= refreshDashboards().finally(() => {
    firstComputation = null;
  });
  await firstComputation;
}

/** When the cells were computed, for "figures as of …". */
export async function cellsAsOf(): Promise<Date | null> {
  const row = await db.dashboardCell.findFirst({ select: { createdAt: true } });
  return row?.createdAt ?? null;
}

const storedRow = z.object({ k1: z.string(), k2: z.string(), v1: sqlNumber, v2: sqlNumber });
const totalsRow = storedRow.extend({ measure: z.string() });

function cellFilter(q: Sql, filter: DashboardFilter) {
  const parts: string[] = [];
  if (filter.teamId) parts.push(`m."teamId" = ${q.p(filter.teamId)}`);
  if (filter.environment) parts.push(`(m.environment = ${q.p(filter.environment)} OR m.measure = 'apis')`);
  return parts.length ? ` AND ${parts.join(" AND ")}` : "";
}

/** The measures' cells under the filter, summed by dimension: one statement. */
export async function readTotals(filter: DashboardFilter, names: readonly MeasureName[]) {
  await ensureCells();
  const q = new Sql(provider());
  const all = await rawRows(
    q,
    `SELECT m.measure, m.k1, m.k2, SUM(m.v1) AS v1, SUM(m.v2) AS v2 FROM "DashboardCell" m
     WHERE m.measure IN (${names.map((n) => q.p(n)).join(", ")})${cellFilter(q, filter)} GROUP BY m.measure, m.k1, m.k2`,
    totalsRow,
  );
  const rows = <M extends MeasureName>(measure: M): MeasureRow<M>[] => all.filter((r) => r.measure === measure).map((r) => named(measure, r));
  return {
    rows,
    /** One of a measure's values summed over its cells, optionally only those with the given dimensions. */
    sum: <M extends MeasureName>(measure: M, value: Value<M>, where: Partial<Record<Dimension<M>, string>> = {}) =>
      rows(measure)
        .filter((r) => Object.entries(where).every(([dim, wanted]) => r[dim as Dimension<M>] === wanted))
        .reduce((n, r) => n + r[value], 0),
  };
}

/** A ranked list's first rows under the filter. */
export async function readTop<M extends keyof typeof TOP_LIMITS>(filter: DashboardFilter, name: M, order: string): Promise<MeasureRow<M>[]> {
  await ensureCells();
  const q = new Sql(provider());
  const rows = await rawRows(
    q,
    `SELECT m.k1, m.k2, m.v1, m.v2 FROM "DashboardCell" m WHERE m.measure = ${q.p(name)}${cellFilter(q, filter)} ORDER BY ${order} LIMIT ${TOP_LIMITS[name]}`,
    storedRow,
  );
  return rows.map((r) => named(name, r));
}
