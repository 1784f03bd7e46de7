// Usage telemetry from gateways and token services. A batch is idempotent by event id: an
// event seen before is neither stored nor counted again. Events naming an unknown consumer
// or API are reported back and not stored. Stored events move "last used" on their grant
// and on each scope they carried, never backwards — all set-based, in one transaction.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { z } from "zod";
import { Sql } from "@/lib/sql/dialect";
import { parseRows } from "@/lib/sql/rows";
import { insertRows, type Column } from "@/lib/server/bulk-insert";
import { readRows, sqliteDriver } from "@/lib/server/driver";
import { provider, type SqliteStatement, type Tx } from "@/lib/server/db";
import { resolveApi, resolveConsumers, type Resolved } from "./names";

export const MAX_EVENTS = 5000;

export const usageEvent = z.strictObject({
  id: z.string().trim().min(1, "Every event needs an id").max(200),
  occurredAt: z.coerce.date({ error: "occurredAt must be a date-time" }),
  consumer: z.string().trim().min(1).max(500).describe("Consumer id, or one of its identities (client id, subject, SPIFFE id, API-key prefix)"),
  api: z.string().trim().min(1).max(2000).describe("API id, audience or base URL"),
  scopes: z
    .union([z.array(z.string().trim().min(1).max(200)).max(200), z.string().max(4000)])
    .default([])
    .describe("Scope names, as a list or space-separated"),
  kind: z.enum(["token_issued", "api_call"]),
  client: z.strictObject({ type: z.string().max(40).optional().describe("e.g. server, browser, cli"), userAgent: z.string().max(500).optional() }).optional(),
});

export const eventBatch = z.strictObject({
  events: z.array(usageEvent).min(1, "Send at least one event").max(MAX_EVENTS, `At most ${MAX_EVENTS} events per batch`),
});

export const ingestResult = z.object({
  received: z.number().int(),
  stored: z.number().int().describe("New events; an id sent before is not stored again"),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  unknown: z.object({ consumers: z.array(z.string()), apis: z.array(z.string()) }),
});

const idRow = z.object({ id: z.string() });

/**
 * Stores a batch inside the caller's transaction (commands/record-usage.ts): new events only,
 * and each grant's and scope's last use moved forward.
 */
export async function ingestInTransaction(tx: Tx, events: z.output<typeof eventBatch>["events"]): Promise<z.infer<typeof ingestResult>> {
  const consumerIds = [...new Set(events.map((e) => e.consumer))];
  const apiIds = [...new Set(events.map((e) => e.api))];
  // Ids first, in one statement each; a name that is not an id is an identity or an address.
  // Consumers are looked up on a connection of the pool, APIs on the transaction's: side by side.
  const [consumerOf, apiOf] = await Promise.all([
    resolveConsumers(consumerIds).then(resolvedIds),
    knownApis(tx, apiIds).then((ids) => recordIds(ids, apiIds, (value) => resolveApi({ value }))),
  ]);
  // The same id twice in one batch is one event.
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  const rows: Row[] = [];
  for (const e of unique) {
    const consumer = consumerOf.get(e.consumer);
    const api = apiOf.get(e.api);
    if (!consumer || !api) continue;
    rows.push({
      id: e.id,
      occurredAt: e.occurredAt,
      consumer,
      api,
      scopeList: (Array.isArray(e.scopes) ? e.scopes : e.scopes.split(/\s+/)).filter(Boolean),
      kindValue: e.kind === "token_issued" ? "TOKEN_ISSUED" : "API_CALL",
      client: e.client,
    });
  }
  const stored = await storeEvents(tx, rows);
  return {
    received: events.length,
    stored,
    duplicates: rows.length - stored + (events.length - unique.length),
    rejected: unique.length - rows.length,
    unknown: { consumers: consumerIds.filter((id) => !consumerOf.has(id)), apis: apiIds.filter((id) => !apiOf.has(id)) },
  };
}

/** The names that resolved, with their record ids. */
const resolvedIds = (resolved: Map<string, Resolved>) => new Map([...resolved].flatMap(([name, r]) => ("id" in r ? [[name, r.id] as const] : [])));

/** Each name's record id: the names that are ids as they are, the others resolved one by one. */
async function recordIds(ids: { id: string }[], names: string[], resolve: (name: string) => Promise<Resolved>): Promise<Map<string, string>> {
  const found = new Map(ids.map((r) => [r.id, r.id]));
  for (const name of names) {
    if (found.has(name)) continue;
    const resolved = await resolve(name);
    if ("id" in resolved) found.set(name, resolved.id);
  }
  return found;
}

async function storeEvents(tx: Tx, rows: Row[]): Promise<number> {
  const driver = sqliteDriver();
  if (driver) return ingestOnSqlite(driver, rows);
  return ingestOnPostgres(tx, rows);
}

const STAGING_COLUMNS: Column[] = [
  { name: "id", type: "text" },
  { name: "occurredAt", type: "datetime" },
  { name: "consumerId", type: "text" },
  { name: "apiId", type: "text" },
  { name: "kind", type: "text" },
  { name: "scopes", type: "text" },
  { name: "clientType", type: "text" },
  { name: "userAgent", type: "text" },
];

/**
 * PostgreSQL: the batch streams with COPY into a staging table (one per connection, emptied at
 * each commit), then one statement stores the events not seen before and moves each grant's and
 * scope's last use from those alone, never backwards — no parameter per value, no array to
 * unpack, no round trip per step.
 */
async function ingestOnPostgres(tx: Tx, rows: Row[]): Promise<number> {
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE IF NOT EXISTS usage_staging (id text, "occurredAt" timestamp(3), "consumerId" text, "apiId" text, kind text, scopes text, "clientType" text, "userAgent" text) ON COMMIT DELETE ROWS`,
  );
  await insertRows(
    tx,
    "usage_staging",
    STAGING_COLUMNS,
    rows.map((e) => ({
      id: e.id,
      occurredAt: e.occurredAt,
      consumerId: e.consumer,
      apiId: e.api,
      kind: e.kindValue,
      scopes: e.scopeList.join(" "),
      clientType: e.client?.type ?? null,
      userAgent: e.client?.userAgent ?? null,
    })),
  );
  const [row] = await readRows(
    tx,
    [
      `WITH fresh AS (
        INSERT INTO "UsageEvent" ("id", "occurredAt", "consumerId", "apiId", "kind", "scopes", "clientType", "userAgent", "receivedAt")
        SELECT id, "occurredAt", "consumerId", "apiId", CAST(kind AS "UsageKind"), scopes, "clientType", "userAgent", CAST($1 AS timestamp(3))
        FROM usage_staging ON CONFLICT ("id") DO NOTHING
        RETURNING "consumerId", "apiId", "occurredAt", scopes),
      pairs AS (SELECT "consumerId" AS c, "apiId" AS a, max("occurredAt") AS t FROM fresh GROUP BY 1, 2),
      live AS MATERIALIZED (
        SELECT g.id, g."lastUsedAt" AS was, p.c, p.a, p.t FROM pairs p
        JOIN "Grant" g ON g."consumerId" = p.c AND g."apiId" = p.a AND g.status IN ${LIVE}),
      grants AS (
        UPDATE "Grant" g SET "lastUsedAt" = l.t FROM live l
        WHERE (l.was IS NULL OR l.was < l.t) AND g.id = l.id AND g.status IN ${LIVE} AND (g."lastUsedAt" IS NULL OR g."lastUsedAt" < l.t)
        RETURNING 1),
      used AS (
        SELECT f."consumerId" AS c, f."apiId" AS a, u.name, max(f."occurredAt") AS t
        FROM fresh f CROSS JOIN LATERAL unnest(string_to_array(f.scopes, ' ')) AS u(name) WHERE u.name <> '' GROUP BY 1, 2, 3),
      scopes AS (
        UPDATE "GrantScope" gs SET "lastUsedAt" = m.t
        FROM (SELECT l.id AS g, s.id AS sc, u.t FROM used u
              JOIN live l ON l.c = u.c AND l.a = u.a
              JOIN "Scope" s ON s."apiId" = u.a AND s.name = u.name) m
        WHERE gs."grantId" = m.g AND gs."scopeId" = m.sc AND (gs."lastUsedAt" IS NULL OR gs."lastUsedAt" < m.t)
        RETURNING 1)
      SELECT CAST(count(*) AS integer) AS stored FROM fresh`,
      new Date().toISOString(),
    ],
    z.object({ stored: z.number() }),
  );
  return row?.stored ?? 0;
}

type Row = {
  id: string;
  occurredAt: Date;
  consumer: string;
  api: string;
  kindValue: string;
  scopeList: string[];
  client?: { type?: string; userAgent?: string };
};
const LIVE = `(${LIVE_GRANT_STATUSES.map((s) => `'${s}'`).join(", ")})`;
const stamp = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * SQLite: prepared statements on the driver connection, inside Prisma's transaction — a few
 * microseconds a row instead of Prisma's per-statement cost.
 */
const SQLITE_ROWS = 500;

function ingestOnSqlite(driver: { prepare(sql: string): SqliteStatement }, rows: Row[]): number {
  // Many rows a statement, and the ids actually inserted (not already there) come back.
  const insertMany = (count: number) =>
    driver.prepare(`INSERT INTO "UsageEvent" ("id", "occurredAt", "consumerId", "apiId", "kind", "scopes", "clientType", "userAgent", "receivedAt")
      VALUES ${Array(count).fill("(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")} ON CONFLICT ("id") DO NOTHING RETURNING "id"`);
  const received = stamp(new Date());
  const inserted = new Set<string>();
  let full: SqliteStatement | undefined;
  for (let start = 0; start < rows.length; start += SQLITE_ROWS) {
    const part = rows.slice(start, start + SQLITE_ROWS);
    const statement = part.length === SQLITE_ROWS ? (full ??= insertMany(SQLITE_ROWS)) : insertMany(part.length);
    const values = part.flatMap((e) => [
      e.id,
      stamp(e.occurredAt),
      e.consumer,
      e.api,
      e.kindValue,
      e.scopeList.join(" "),
      e.client?.type ?? null,
      e.client?.userAgent ?? null,
      received,
    ]);
    for (const r of parseRows(idRow, statement.all(...values))) inserted.add(r.id);
  }
  const fresh = rows.filter((e) => inserted.has(e.id));
  if (fresh.length === 0) return 0;
  const { perGrant, perScope } = latestUse(fresh);
  // Set-based, as on PostgreSQL: the latest use of each (consumer, API) pair and of each scope
  // name it carried, as one JSON parameter each, joined by index to the live grants and their
  // granted scopes; each statement runs in SQLite's own loop, not one call per row.
  driver
    .prepare(
      `UPDATE "Grant" AS g SET "lastUsedAt" = p.value ->> 2 FROM json_each(?) p
       WHERE g."consumerId" = p.value ->> 0 AND g."apiId" = p.value ->> 1 AND g.status IN ${LIVE}
         AND (g."lastUsedAt" IS NULL OR g."lastUsedAt" < p.value ->> 2)`,
    )
    .run(JSON.stringify(perGrant.map((g) => [g.consumer, g.api, stamp(g.at)])));
  driver
    .prepare(
      `UPDATE "GrantScope" AS gs SET "lastUsedAt" = m.t
       FROM (SELECT g.id AS "grantId", s.id AS "scopeId", p.value ->> 3 AS t FROM json_each(?) p
             JOIN "Grant" g ON g."consumerId" = p.value ->> 0 AND g."apiId" = p.value ->> 1 AND g.status IN ${LIVE}
             JOIN "Scope" s ON s."apiId" = p.value ->> 1 AND s.name = p.value ->> 2) m
       WHERE gs."grantId" = m."grantId" AND gs."scopeId" = m."scopeId" AND (gs."lastUsedAt" IS NULL OR gs."lastUsedAt" < m.t)`,
    )
    .run(JSON.stringify(perScope.map((x) => [x.consumer, x.api, x.scope, stamp(x.at)])));
  return fresh.length;
}

function latestUse(events: { consumer: string; api: string; occurredAt: Date; scopeList: string[] }[]) {
  const perGrant = new Map<string, { consumer: string; api: string; at: Date }>();
  const perScope = new Map<string, { consumer: string; api: string; scope: string; at: Date }>();
  for (const e of events) {
    const key = `${e.consumer}\u0000${e.api}`;
    const g = perGrant.get(key);
    if (!g || g.at < e.occurredAt) perGrant.set(key, { consumer: e.consumer, api: e.api, at: e.occurredAt });
    for (const scope of e.scopeList) {
      const skey = `${key}\u0000${scope}`;
      const s = perScope.get(skey);
      if (!s || s.at < e.occurredAt) perScope.set(skey, { consumer: e.consumer, api: e.api, scope, at: e.occurredAt });
    }
  }
  return { perGrant: [...perGrant.values()], perScope: [...perScope.values()] };
}

/** Which of these are API ids: one statement with the ids as one parameter. */
async function knownApis(tx: Tx, ids: string[]): Promise<{ id: string }[]> {
  const q = new Sql(provider());
  return readRows(tx, q.statement(`SELECT id FROM "Api" WHERE ${q.inList("id", ids)}`), idRow);
}
