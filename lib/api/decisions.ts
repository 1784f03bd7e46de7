// Runtime decisions for gateways and token services: may this consumer call this API with
// these scopes, now? Read from live state only, so a revocation or suspension in a review
// shows in the very next decision.
import { z } from "zod";
import { hotQuery, toDate } from "@/lib/server/driver";
import { db } from "@/lib/server/db";
import { parseInput } from "@/lib/server/validation";
import { sqlTime } from "@/lib/sql/rows";

export const decisionRequest = z.object({
  consumer: z.string().trim().min(1, "Name the consumer by its id").max(64).describe("Consumer id"),
  api: z.string().trim().min(1, "Name the API by its id").max(64).describe("API id"),
  scopes: z.array(z.string().trim().min(1).max(200)).max(200, "At most 200 scopes").default([]).describe("Scope names the call needs"),
});

export const decisionResponse = z.object({
  decision: z.enum(["allow", "deny"]),
  reasons: z.array(z.string()),
  grantId: z.string().nullable(),
  expiresAt: z.string().nullable().describe("When the grant ends, if it does"),
});
export type Decision = z.infer<typeof decisionResponse>;

// One statement reads everything a decision needs; no row means the consumer or the API is unknown.
// A scope counts only as the API's own: a scope of the same name held through another API's
// declaration is not this API's scope (scopes are compared by identity, never by name alone).
const DECISION_SQL = `SELECT c.status AS "consumerStatus", a.lifecycle AS "lifecycle", g.id AS "grantId", g.status AS "grantStatus",
    g."expiresAt" AS "grantExpiresAt", s.name AS "scope", gs."expiresAt" AS "scopeExpiresAt", s."removedAt" AS "scopeRemovedAt"
  FROM "Consumer" c CROSS JOIN "Api" a
  LEFT JOIN "Grant" g ON g."consumerId" = c.id AND g."apiId" = a.id AND g.status IN ('ACTIVE', 'SUSPENDED', 'PENDING')
  LEFT JOIN "GrantScope" gs ON gs."grantId" = g.id
  LEFT JOIN "Scope" s ON s.id = gs."scopeId" AND s."apiId" = a.id
  WHERE c.id = $1 AND a.id = $2`;

const liveRow = z.object({
  consumerStatus: z.string(),
  lifecycle: z.string(),
  grantId: z.string().nullable(),
  grantStatus: z.string().nullable(),
  grantExpiresAt: sqlTime.nullable(),
  scope: z.string().nullable(),
  scopeExpiresAt: sqlTime.nullable(),
  scopeRemovedAt: sqlTime.nullable(),
});
type LiveRow = z.infer<typeof liveRow>;

async function liveState(consumer: string, api: string): Promise<LiveRow[]> {
  // Prepared once: a decision is the hottest path there is.
  return hotQuery("decision", DECISION_SQL, [consumer, api], liveRow);
}

export async function decide(raw: unknown, now = new Date()): Promise<Decision> {
  const input = parseInput(decisionRequest, raw);
  const deny = (reasons: string[], grantId: string | null = null): Decision => ({ decision: "deny", reasons, grantId, expiresAt: null });
  const rows = await liveState(input.consumer, input.api);
  const first = rows[0];
  if (!first) {
    const known = await db.consumer.count({ where: { id: input.consumer } });
    return deny([known ? "Unknown API" : "Unknown consumer"]);
  }
  const reasons: string[] = [];
  if (first.consumerStatus !== "ACTIVE") reasons.push(`Consumer is ${first.consumerStatus.toLowerCase()}`);
  if (first.lifecycle === "RETIRED") reasons.push("API is retired");
  if (!first.grantId) return deny([...reasons, "No live grant for this consumer on this API"]);
  const expiresAt = toDate(first.grantExpiresAt);
  if (first.grantStatus !== "ACTIVE") reasons.push(`Grant is ${first.grantStatus!.toLowerCase()}`);
  if (expiresAt && expiresAt <= now) reasons.push(`Grant expired at ${expiresAt.toISOString()}`);
  const current = rows.filter((r) => r.scope && (!r.scopeExpiresAt || toDate(r.scopeExpiresAt)! > now));
  // A scope the API's document no longer declares is held on paper only: it allows nothing.
  const removed = new Set(current.filter((r) => r.scopeRemovedAt).map((r) => r.scope!));
  const held = new Set(current.filter((r) => !r.scopeRemovedAt).map((r) => r.scope!));
  const asked = [...new Set(input.scopes)];
  const gone = asked.filter((s) => removed.has(s));
  const missing = asked.filter((s) => !held.has(s) && !removed.has(s));
  if (gone.length) reasons.push(`Scopes removed from the API's document: ${gone.join(", ")}`);
  if (missing.length) reasons.push(`Scopes not granted: ${missing.join(", ")}`);
  if (reasons.length) return deny(reasons, first.grantId);
  return {
    decision: "allow",
    reasons: [`Active grant covers ${input.scopes.length ? input.scopes.join(", ") : "the call"}`],
    grantId: first.grantId,
    expiresAt: expiresAt?.toISOString() ?? null,
  };
}
