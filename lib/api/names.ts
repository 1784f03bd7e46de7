// How callers outside name consumers and APIs, resolved to records: a consumer by its id or
// one of its identities (narrowed by kind and issuer when given); an API by its id, an
// audience, a base URL, or the host (and path) a call went to. A name that matches nothing is
// unknown and one that matches several is ambiguous: both are reported, never guessed.
import { z } from "zod";
import type { IdentityKind } from "@/lib/generated/prisma/enums";
import { provider } from "@/lib/server/db";
import { hotQuery } from "@/lib/server/driver";
import { Sql } from "@/lib/sql/dialect";
import { NAMES_TAG, remembered } from "./live-view";

export type Resolved = { id: string } | { reason: string };

const idRow = z.object({ id: z.string() });

/** A name lookup, kept in the live view on PostgreSQL until any identity, address or record name changes. */
const named = <S extends z.ZodType>(name: string, sql: string, values: string[], row: S) =>
  remembered(`${name} ${JSON.stringify(values)}`, [NAMES_TAG], () => hotQuery(name, sql, values, row));

// Each placeholder once: SQLite's are positional.
const CONSUMER_SQL = `SELECT c.id AS "id" FROM "Consumer" c WHERE c.id = $1
  UNION SELECT i."consumerId" AS "id" FROM "ConsumerIdentity" i
  WHERE i.value = $2 AND ($3 = '' OR CAST(i.kind AS TEXT) = $4) AND ($5 = '' OR i.issuer = $6)
  LIMIT 2`;

export type ConsumerName = { value: string; kind?: IdentityKind; issuer?: string };

const consumerKey = (value: string, kind = "", issuer = "") => [value, value, kind, kind, issuer, issuer];

/** What a consumer name's matches (at most two) make of it. */
function consumerOf(rows: { id: string }[], { value, kind, issuer }: ConsumerName, role: string): Resolved {
  if (rows.length === 1 && rows[0]) return { id: rows[0].id };
  const shown = [kind, value, issuer].filter(Boolean).join(" ");
  if (rows.length === 0) return { reason: `Unknown ${role}: no consumer has the id or identity ${shown}` };
  return { reason: `${shown} names more than one consumer: give the identity's kind and issuer` };
}

export async function resolveConsumer(name: ConsumerName, role = "consumer"): Promise<Resolved> {
  const rows = await named("consumer-name", CONSUMER_SQL, consumerKey(name.value, name.kind, name.issuer), idRow);
  return consumerOf(rows, name, role);
}

const nameRow = z.object({ name: z.string(), id: z.string() });

/**
 * Many consumers named by id or identity (of any kind or issuer), as a batch of usage names
 * them: the names the live view knows from it, all the others in one statement.
 */
export async function resolveConsumers(values: string[]): Promise<Map<string, Resolved>> {
  const missing: { value: string; settle: (rows: { id: string }[]) => void; fail: (error: unknown) => void }[] = [];
  const pending = values.map((value) =>
    remembered(
      `consumer-name ${JSON.stringify(consumerKey(value))}`,
      [NAMES_TAG],
      () => new Promise<{ id: string }[]>((settle, fail) => missing.push({ value, settle, fail })),
    ),
  );
  if (missing.length) {
    try {
      const q = new Sql(provider());
      const asked = missing.map((m) => m.value);
      const [sql, ...args] = q.statement(`SELECT c.id AS "name", c.id AS "id" FROM "Consumer" c WHERE ${q.inList("c.id", asked)}
        UNION SELECT i.value AS "name", i."consumerId" AS "id" FROM "ConsumerIdentity" i WHERE ${q.inList("i.value", asked)}`);
      const byName = new Map<string, { id: string }[]>();
      for (const row of await hotQuery("consumer-names", sql, args, nameRow)) byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
      for (const m of missing) m.settle((byName.get(m.value) ?? []).slice(0, 2));
    } catch (error) {
      for (const m of missing) m.fail(error);
    }
  }
  const rows = await Promise.all(pending);
  return new Map(values.map((value, i) => [value, consumerOf(rows[i]!, { value }, "consumer")]));
}

const addressRow = z.object({ id: z.string(), value: z.string() });
const API_SQL = `SELECT a.id AS "id", '' AS "value" FROM "Api" a WHERE a.id = $1
  UNION SELECT x."apiId" AS "id", x.value AS "value" FROM "ApiAddress" x WHERE x.value = $2`;
const HOST_SQL = `SELECT x."apiId" AS "id", x.value AS "value" FROM "ApiAddress" x WHERE x.host = $1`;
const NAME_SQL = `SELECT a.id AS "id", a.name AS "value" FROM "Api" a WHERE a.name = $1 LIMIT 2`;

const pathOf = (baseUrl: string) => URL.parse(baseUrl)?.pathname.replace(/\/+$/, "") ?? "";

/**
 * The API among those served at a host whose base path the call's path is under, the longest
 * such base path winning (`/v1/ledger` before `/v1`).
 */
function byPath(candidates: Address[], path: string | undefined): Resolved | null {
  const ids = new Set(candidates.map((c) => c.id));
  if (ids.size === 1) return { id: candidates[0]!.id };
  if (path === undefined) return null;
  let best: { id: string; length: number } | null = null;
  let tie = false;
  for (const c of candidates) {
    const base = pathOf(c.value);
    if (!(path === base || path.startsWith(`${base}/`) || base === "")) continue;
    if (!best || base.length > best.length) [best, tie] = [{ id: c.id, length: base.length }, false];
    else if (base.length === best.length && c.id !== best.id) tie = true;
  }
  return best && !tie ? { id: best.id } : null;
}

export type Address = { id: string; value: string };

/** The base URLs at a host, with the APIs they name: read once, then matched to many paths. */
export function addressesAt(host: string): Promise<Address[]> {
  return named("api-host", HOST_SQL, [host.toLowerCase()], addressRow);
}

/** The API among those at a host that a call's path is for. */
export function apiAtHost(candidates: Address[], host: string, path: string | undefined): Resolved {
  if (candidates.length === 0) return { reason: `Unknown API: no API has a base URL at ${host}` };
  return byPath(candidates, path) ?? { reason: `Several APIs are served at ${host}${path ? ` and none has a base path ${path} is under` : ""}: name the API` };
}

export type ApiName = { value?: string; host?: string; path?: string; name?: string };

/**
 * An API named by its id, an audience or base URL (`value`), the host a call went to (`host`,
 * with `path` to choose among APIs on one host) or its catalogue name (`name`).
 */
export async function resolveApi({ value, host, path, name }: ApiName): Promise<Resolved> {
  if (value) {
    const exact = await named("api-name", API_SQL, [value, value.replace(/\/+$/, "")], addressRow);
    const ids = new Set(exact.map((r) => r.id));
    if (ids.size === 1) return { id: exact[0]!.id };
    if (ids.size > 1) return { reason: `${value} names more than one API` };
    // A URL that is not a base URL itself: its host and path choose the API.
    const url = URL.parse(value);
    if (!url || !/^https?:$/.test(url.protocol)) return { reason: `Unknown API: no API has the id, audience or base URL ${value}` };
    return resolveApi({ host: url.host, path: url.pathname });
  }
  if (host) return apiAtHost(await addressesAt(host), host, path);
  if (name) {
    const rows = await named("api-by-name", NAME_SQL, [name], addressRow);
    if (rows.length === 1 && rows[0]) return { id: rows[0].id };
    return { reason: rows.length ? `${name} names an API in more than one environment: give its id` : `Unknown API: no API is named ${name}` };
  }
  return { reason: "Name the API by its id, an audience, a base URL or its name" };
}
