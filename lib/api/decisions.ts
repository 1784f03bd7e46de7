// Runtime decisions for gateways and token services: may this consumer call this API (with
// these scopes, or this operation), now, and — for an agent acting for a person — may that
// person too? Read from live state only, so a revocation or suspension in a review shows in
// the very next decision. The caller names the consumer and the API in its own terms
// (names.ts); an operation is matched against the API's imported document (operation-table.ts).
import { z } from "zod";
import { IdentityKind } from "@/lib/generated/prisma/enums";
import { hotQuery, toDate } from "@/lib/server/driver";
import { parseInput } from "@/lib/server/validation";
import { sqlTime } from "@/lib/sql/rows";
import { apiTag, consumerTag, remembered } from "./live-view";
import { resolveApi, resolveConsumer, type ConsumerName } from "./names";
import { routesOf } from "./operation-table";

const consumerName = z.string().trim().min(1, "Name the consumer by its id or an identity").max(500);
const operationInput = z.strictObject({
  method: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{1,20}$/, "An HTTP method, e.g. GET")
    .transform((m) => m.toUpperCase()),
  path: z.string().trim().startsWith("/", "A route template or path, starting with /").max(2000),
});

export const decisionRequest = z.object({
  consumer: consumerName.describe("Consumer id, or one of its identities: OAuth client id, token subject, SPIFFE id or API-key prefix"),
  consumerKind: z.enum(IdentityKind).optional().describe("Which kind of identity `consumer` is, when a value could be several"),
  issuer: z.string().trim().max(500).optional().describe("The identity's issuer, when the value is unique only there"),
  api: z.string().trim().min(1, "Name the API by its id, an audience or a base URL").max(2000).describe("API id, audience or base URL"),
  scopes: z.array(z.string().trim().min(1).max(200)).max(200, "At most 200 scopes").default([]).describe("Scope names the call needs"),
  operation: operationInput.optional().describe("The call: its scopes are those the API's document requires of this operation"),
  onBehalfOf: z
    .union([consumerName, z.strictObject({ id: consumerName, kind: z.enum(IdentityKind).optional(), issuer: z.string().trim().max(500).optional() })])
    .optional()
    .describe("The person an agent acts for, by their consumer's id or identity: both must hold the scopes"),
});

export const decisionResponse = z.object({
  decision: z.enum(["allow", "deny"]),
  reasons: z.array(z.string()),
  grantId: z.string().nullable(),
  expiresAt: z.string().nullable().describe("When the grant ends, if it does"),
  operation: z.object({ method: z.string(), path: z.string() }).nullable().optional().describe("The declared operation the call matched"),
});
export type Decision = z.infer<typeof decisionResponse>;

// One statement reads everything a decision needs of one consumer on one API; no row means the
// consumer or the API is gone. A scope counts only as the API's own: a scope of the same name
// held through another API's declaration is not this API's scope.
const DECISION_SQL = `SELECT c.kind AS "consumerKind", c.name AS "consumerName", c.status AS "consumerStatus", a.lifecycle AS "lifecycle",
    a."updatedAt" AS "apiVersion", g.id AS "grantId", g.status AS "grantStatus", g."expiresAt" AS "grantExpiresAt",
    s.name AS "scope", gs."expiresAt" AS "scopeExpiresAt", s."removedAt" AS "scopeRemovedAt"
  FROM "Consumer" c CROSS JOIN "Api" a
  LEFT JOIN "Grant" g ON g."consumerId" = c.id AND g."apiId" = a.id AND g.status IN ('ACTIVE', 'SUSPENDED', 'PENDING')
  LEFT JOIN "GrantScope" gs ON gs."grantId" = g.id
  LEFT JOIN "Scope" s ON s.id = gs."scopeId" AND s."apiId" = a.id
  WHERE c.id = $1 AND a.id = $2`;

const liveRow = z.object({
  consumerKind: z.string(),
  consumerName: z.string(),
  consumerStatus: z.string(),
  lifecycle: z.string(),
  apiVersion: sqlTime,
  grantId: z.string().nullable(),
  grantStatus: z.string().nullable(),
  grantExpiresAt: sqlTime.nullable(),
  scope: z.string().nullable(),
  scopeExpiresAt: sqlTime.nullable(),
  scopeRemovedAt: sqlTime.nullable(),
});

/** What one consumer holds on one API now, and what stops it from holding anything. */
type Side = {
  kind: string;
  name: string;
  apiVersion: string;
  blocking: string[];
  grantId: string | null;
  expiresAt: Date | null;
  held: Set<string>;
  removed: Set<string>;
};

/**
 * The rows of DECISION_SQL: a prepared statement (a decision is the hottest path there is),
 * kept in the live view on PostgreSQL until the consumer or the API changes.
 */
const liveRows = (consumerId: string, apiId: string) =>
  remembered(`decision ${consumerId} ${apiId}`, [consumerTag(consumerId), apiTag(apiId)], () =>
    hotQuery("decision", DECISION_SQL, [consumerId, apiId], liveRow),
  );

/** The API's version (its updatedAt) as the decision reads it, or null when either record is unknown. */
export async function apiVersionFor(consumerId: string, apiId: string): Promise<string | null> {
  const [first] = await liveRows(consumerId, apiId);
  return first ? String(toDate(first.apiVersion)?.getTime()) : null;
}

async function sideOf(consumerId: string, apiId: string, now: Date): Promise<Side | null> {
  const rows = await liveRows(consumerId, apiId);
  const first = rows[0];
  if (!first) return null;
  const blocking: string[] = [];
  if (first.consumerStatus !== "ACTIVE") blocking.push(`Consumer is ${first.consumerStatus.toLowerCase()}`);
  if (first.lifecycle === "RETIRED") blocking.push("API is retired");
  const expiresAt = toDate(first.grantExpiresAt);
  if (!first.grantId) blocking.push("No live grant for this consumer on this API");
  else if (first.grantStatus !== "ACTIVE") blocking.push(`Grant is ${first.grantStatus!.toLowerCase()}`);
  if (expiresAt && expiresAt <= now) blocking.push(`Grant expired at ${expiresAt.toISOString()}`);
  const current = rows.filter((r) => r.scope && (!r.scopeExpiresAt || toDate(r.scopeExpiresAt)! > now));
  return {
    kind: first.consumerKind,
    name: first.consumerName,
    apiVersion: String(toDate(first.apiVersion)?.getTime()),
    blocking,
    grantId: first.grantId,
    expiresAt,
    // A scope the API's document no longer declares is held on paper only: it allows nothing.
    held: new Set(current.filter((r) => !r.scopeRemovedAt).map((r) => r.scope!)),
    removed: new Set(current.filter((r) => r.scopeRemovedAt).map((r) => r.scope!)),
  };
}

/** Why a side does not hold a requirement set, or nothing when it does. */
function lacking(side: Side, set: string[]): string[] {
  const gone = set.filter((s) => side.removed.has(s));
  const missing = set.filter((s) => !side.held.has(s) && !side.removed.has(s));
  return [
    ...(gone.length ? [`Scopes removed from the API's document: ${gone.join(", ")}`] : []),
    ...(missing.length ? [`Scopes not granted: ${missing.join(", ")}`] : []),
  ];
}

const shownSet = (set: string[]) => (set.length ? set.join(" + ") : "no scope");

/** The reasons no set is held: the one set's own, or each alternative named. */
function noSetHeld(side: Side, sets: string[][]): string[] {
  if (sets.length === 1) return lacking(side, sets[0]!);
  return [`Scopes not granted: the operation needs one of ${sets.map(shownSet).join(", or ")}`];
}

/** A decision over resolved records: the consumer, the API, and what the call needs. */
export type Question = {
  consumerId: string;
  apiId: string;
  scopes: string[];
  operation?: { method: string; path: string };
  onBehalfOfId?: string;
};

const denied = (reasons: string[], grantId: string | null = null, operation: Decision["operation"] = null): Decision => ({
  decision: "deny",
  reasons,
  grantId,
  expiresAt: null,
  operation,
});

export async function evaluate(q: Question, now = new Date()): Promise<Decision> {
  const agent = await sideOf(q.consumerId, q.apiId, now);
  if (!agent) return denied(["Unknown consumer or API"]);
  // Without a grant there are no scopes to weigh.
  if (!agent.grantId) return denied(agent.blocking);
  const asked = [...new Set(q.scopes)];
  // The requirement sets any one of which suffices: the asked scopes, with each of the
  // operation's alternatives when an operation is named.
  let sets: string[][] = [asked];
  let matched: Decision["operation"] = null;
  if (q.operation) {
    const table = await routesOf(q.apiId, agent.apiVersion);
    const op = table.match(q.operation.method, q.operation.path);
    if (!op) return denied([...agent.blocking, `The API declares no operation ${q.operation.method} ${q.operation.path}`], agent.grantId);
    matched = { method: op.method, path: op.path };
    if (!op.scopeFree && op.requirements.length) sets = op.requirements.map((set) => [...new Set([...set, ...asked])]);
  }
  const reasons = [...agent.blocking];
  const held = sets.filter((set) => lacking(agent, set).length === 0);
  if (!held.length) reasons.push(...noSetHeld(agent, sets));
  let usable = held;
  if (q.onBehalfOfId) {
    // An agent never exceeds the person it acts for: the person must hold a set the agent holds.
    const person = await sideOf(q.onBehalfOfId, q.apiId, now);
    if (!person) reasons.push("The person it acts for is unknown");
    else if (person.kind !== "HUMAN") reasons.push(`It acts for ${person.name}, who is not a person`);
    else {
      reasons.push(...person.blocking.map((r) => `The person it acts for, ${person.name}: ${r.charAt(0).toLowerCase()}${r.slice(1)}`));
      usable = person.grantId ? held.filter((set) => lacking(person, set).length === 0) : [];
      if (person.grantId && held.length && !usable.length)
        reasons.push(
          ...noSetHeld(person, held).map(
            (r) => `The person it acts for, ${person.name}, lacks what the agent uses — ${r.charAt(0).toLowerCase()}${r.slice(1)}`,
          ),
        );
    }
  }
  if (reasons.length) return denied(reasons, agent.grantId, matched);
  const set = usable[0]!;
  const covered = set.length ? set.join(", ") : matched ? `${matched.method} ${matched.path}` : "the call";
  return {
    decision: "allow",
    reasons: [`Active grant covers ${covered}${q.onBehalfOfId ? ", and so does the person's own" : ""}`],
    grantId: agent.grantId,
    expiresAt: agent.expiresAt?.toISOString() ?? null,
    operation: matched,
  };
}

const personName = (raw: z.output<typeof decisionRequest>["onBehalfOf"]): ConsumerName | null =>
  raw === undefined ? null : typeof raw === "string" ? { value: raw } : { value: raw.id, kind: raw.kind, issuer: raw.issuer };

/** POST /api/v1/decisions: the consumer and API named in the caller's terms. */
export async function decide(raw: unknown, now = new Date()): Promise<Decision> {
  const input = parseInput(decisionRequest, raw);
  const person = personName(input.onBehalfOf);
  const [consumer, api] = await Promise.all([
    resolveConsumer({ value: input.consumer, kind: input.consumerKind, issuer: input.issuer }),
    resolveApi({ value: input.api, path: input.operation?.path }),
  ]);
  if ("reason" in consumer || "reason" in api) return denied([consumer, api].flatMap((r) => ("reason" in r ? [r.reason] : [])));
  let onBehalfOfId: string | undefined;
  if (person) {
    const resolved = await resolveConsumer(person, "person it acts for");
    if ("reason" in resolved) return denied([resolved.reason]);
    onBehalfOfId = resolved.id;
  }
  return evaluate({ consumerId: consumer.id, apiId: api.id, scopes: input.scopes, operation: input.operation, onBehalfOfId }, now);
}
