// Usage from OpenTelemetry: an OTLP/HTTP trace export in JSON (ExportTraceServiceRequest, as a
// collector's otlphttp exporter sends it with `encoding: json`) becomes usage events. Every
// server span with an HTTP method, a route or path and a server address is one call: the
// consumer is named by a configurable span attribute (by default the semantic conventions'
// `user.id`, then `client.id`, then the deprecated `enduser.id`), the API by the server's
// address and the path, the scopes by the operation the API's document declares (the
// alternative the consumer's grant holds). Each span is an event whose id is its trace and span
// id, so a re-sent export is stored once.
import { z } from "zod";
import { provider } from "@/lib/server/db";
import { invalid } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import { Sql } from "@/lib/sql/dialect";
import { rawRows } from "@/lib/sql/raw-rows";
import { sqlTime } from "@/lib/sql/rows";
import type { usageEvent } from "./events";
import { addressesAt, apiAtHost, resolveConsumers, type Address } from "./names";
import { routesOf } from "./operation-table";

export const MAX_SPANS = 50_000;

// OTLP/JSON AnyValue: 64-bit integers arrive as strings (protobuf's JSON mapping).
const anyValue = z
  .object({
    stringValue: z.string().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    boolValue: z.boolean().optional(),
    doubleValue: z.number().optional(),
  })
  .loose();
const keyValues = z.array(z.object({ key: z.string(), value: anyValue.optional() })).default([]);
const span = z
  .object({
    traceId: z.string().regex(/^[0-9a-fA-F]{32}$/, "traceId: 32 hex digits"),
    spanId: z.string().regex(/^[0-9a-fA-F]{16}$/, "spanId: 16 hex digits"),
    name: z.string().optional(),
    // SPAN_KIND_SERVER is 2; the JSON mapping allows the name too.
    kind: z.union([z.number(), z.string()]).optional(),
    startTimeUnixNano: z.union([z.string().regex(/^\d{1,20}$/, "startTimeUnixNano: nanoseconds since 1970"), z.number().int().nonnegative()]).optional(),
    attributes: keyValues,
  })
  .loose();
// ExportTraceServiceRequest has one field: anything else is not an export (inner messages grow
// fields between OTLP versions, so they are read loosely).
export const traceExport = z.strictObject({
  resourceSpans: z
    .array(
      z
        .object({
          resource: z.object({ attributes: keyValues }).loose().optional(),
          scopeSpans: z.array(z.object({ spans: z.array(span).default([]) }).loose()).default([]),
        })
        .loose(),
    )
    .default([]),
});

type Attributes = Map<string, string>;

function attributesOf(list: z.output<typeof keyValues>): Attributes {
  const out = new Map<string, string>();
  for (const { key, value } of list) {
    const v = value?.stringValue ?? value?.intValue ?? value?.doubleValue ?? value?.boolValue;
    if (v !== undefined) out.set(key, String(v));
  }
  return out;
}

const isServer = (kind: unknown) => kind === 2 || kind === "SPAN_KIND_SERVER";

/** The call a server span records, or why it records none. */
type Call = { id: string; at: Date; consumer: string; method: string; path: string; host: string };

function callOf(s: z.output<typeof span>, resource: Attributes, consumerAttributes: string[]): Call | null {
  if (!isServer(s.kind)) return null;
  const a = attributesOf(s.attributes);
  const get = (...keys: string[]) => keys.map((k) => a.get(k) ?? resource.get(k)).find((v) => v !== undefined && v !== "");
  // Current attribute names first, then those older instrumentations still send.
  const method = get("http.request.method", "http.method");
  const path = get("http.route", "url.path", "http.target")?.split("?")[0];
  const address = get("server.address", "net.host.name", "http.host");
  const consumer = consumerAttributes.map((k) => a.get(k)).find(Boolean);
  if (!method || !path || !address || !consumer) return null;
  const port = get("server.port", "net.host.port");
  const scheme = get("url.scheme", "http.scheme");
  const defaultPort =
    port === undefined || (scheme === "https" && port === "443") || (scheme === "http" && port === "80") || (!scheme && (port === "443" || port === "80"));
  const host = address.includes(":") || defaultPort ? address : `${address}:${port}`;
  const nanos = BigInt(s.startTimeUnixNano ?? 0);
  const at = nanos > 0n ? new Date(Number(nanos / 1_000_000n)) : new Date();
  // A call from the future would move "last used" past every real one.
  if (at.getTime() > Date.now() + 86_400_000) return null;
  return {
    id: `otlp:${s.traceId.toLowerCase()}:${s.spanId.toLowerCase()}`,
    at,
    consumer,
    method: method.toUpperCase(),
    path,
    host: host.toLowerCase(),
  };
}

export type OtlpOutcome = {
  events: z.input<typeof usageEvent>[];
  spans: number;
  skipped: number;
  unknown: { subjects: string[]; hosts: string[] };
};

/**
 * The usage events an export carries. Names are resolved once per export; spans that are not
 * server calls, or lack what a call needs, are skipped; those naming an unknown consumer or
 * host are reported.
 */
export async function eventsFromTraces(raw: unknown, consumerAttributes: string[]): Promise<OtlpOutcome> {
  const input = parseInput(traceExport, raw);
  const calls: Call[] = [];
  let spans = 0;
  for (const rs of input.resourceSpans) {
    const resource = attributesOf(rs.resource?.attributes ?? []);
    for (const ss of rs.scopeSpans)
      for (const s of ss.spans) {
        spans++;
        const call = callOf(s, resource, consumerAttributes);
        if (call) calls.push(call);
      }
  }
  if (spans > MAX_SPANS)
    throw invalid(`An export carries at most ${MAX_SPANS.toLocaleString("en")} spans; the collector's batch processor can send fewer at a time.`);
  const hosts = new Map<string, Address[]>();
  const unknown = { subjects: new Set<string>(), hosts: new Set<string>() };
  // Consumers are the names an export holds thousands of: one statement for all of them. Hosts
  // are few, and read once each.
  const consumers = await resolveConsumers([...new Set(calls.map((c) => c.consumer))]);
  for (const host of new Set(calls.map((c) => c.host))) hosts.set(host, await addressesAt(host));
  const resolved = calls.flatMap((call) => {
    const consumer = consumers.get(call.consumer)!;
    const api = apiAtHost(hosts.get(call.host)!, call.host, call.path);
    if ("reason" in consumer) unknown.subjects.add(call.consumer);
    if ("reason" in api) unknown.hosts.add(call.host);
    return "reason" in consumer || "reason" in api ? [] : [{ call, consumerId: consumer.id, apiId: api.id }];
  });
  const held = await grantsHeld(resolved);
  const events: OtlpOutcome["events"] = [];
  for (const { call, consumerId, apiId } of resolved) {
    const scopes = await operationScopes(held(consumerId, apiId), apiId, call.method, call.path);
    events.push({ id: call.id, occurredAt: call.at, consumer: consumerId, api: apiId, kind: "api_call", scopes, client: { type: "otel" } });
  }
  return { events, spans, skipped: spans - calls.length, unknown: { subjects: [...unknown.subjects], hosts: [...unknown.hosts] } };
}

/** What a consumer's live grant on an API holds, and the API's version for its compiled operations. */
type Held = { version: string; scopes: Set<string> };

/**
 * What each (consumer, API) pair's live grant holds, for every pair of an export in two
 * statements: the scopes held by the named consumers on the named APIs (a superset of the
 * pairs, picked apart here), and the APIs' versions.
 */
async function grantsHeld(pairs: { consumerId: string; apiId: string }[]): Promise<(consumerId: string, apiId: string) => Held> {
  const consumerIds = [...new Set(pairs.map((p) => p.consumerId))];
  const apiIds = [...new Set(pairs.map((p) => p.apiId))];
  const scopes = new Map<string, Set<string>>();
  const versions = new Map<string, string>();
  if (pairs.length) {
    const q = new Sql(provider());
    const heldRows = await rawRows(
      q,
      `SELECT g."consumerId" AS "consumerId", g."apiId" AS "apiId", s.name AS "name" FROM "Grant" g
        JOIN "GrantScope" gs ON gs."grantId" = g.id
        JOIN "Scope" s ON s.id = gs."scopeId" AND s."apiId" = g."apiId" AND s."removedAt" IS NULL
        WHERE g.status IN ('ACTIVE', 'SUSPENDED', 'PENDING') AND ${q.inList('g."consumerId"', consumerIds)} AND ${q.inList('g."apiId"', apiIds)}`,
      z.object({ consumerId: z.string(), apiId: z.string(), name: z.string() }),
    );
    for (const r of heldRows) {
      const key = `${r.consumerId} ${r.apiId}`;
      scopes.set(key, (scopes.get(key) ?? new Set()).add(r.name));
    }
    const q2 = new Sql(provider());
    for (const a of await rawRows(
      q2,
      `SELECT a.id AS "id", a."updatedAt" AS "version" FROM "Api" a WHERE ${q2.inList("a.id", apiIds)}`,
      z.object({ id: z.string(), version: sqlTime }),
    ))
      versions.set(a.id, String(new Date(a.version).getTime()));
  }
  return (consumerId, apiId) => ({ version: versions.get(apiId) ?? "0", scopes: scopes.get(`${consumerId} ${apiId}`) ?? new Set() });
}

/** The scopes a call used: the first of the operation's alternatives the consumer's grant holds. */
async function operationScopes(held: Held, apiId: string, method: string, path: string): Promise<string[]> {
  const op = (await routesOf(apiId, held.version)).match(method, path);
  if (!op || op.scopeFree) return [];
  return op.requirements.find((set) => set.every((s) => held.scopes.has(s))) ?? [];
}
