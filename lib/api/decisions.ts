// Runtime decisions for gateways and token services: may this consumer call this API with
// these scopes, now? Read from live state only, so a revocation or suspension in a review
// shows in the very next decision.
import { z } from "zod";
import { db } from "@/lib/server/db";
import { parseInput } from "@/lib/server/validation";

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

export async function decide(raw: unknown, now = new Date()): Promise<Decision> {
  const input = parseInput(decisionRequest, raw);
  const deny = (reasons: string[], grantId: string | null = null): Decision => ({ decision: "deny", reasons, grantId, expiresAt: null });
  const [consumer, api, grant] = await Promise.all([
    db.consumer.findUnique({ where: { id: input.consumer }, select: { status: true } }),
    db.api.findUnique({ where: { id: input.api }, select: { lifecycle: true } }),
    db.grant.findFirst({
      where: { consumerId: input.consumer, apiId: input.api, status: { in: ["ACTIVE", "SUSPENDED", "PENDING"] } },
      select: { id: true, status: true, expiresAt: true, scopes: { select: { expiresAt: true, scope: { select: { name: true } } } } },
    }),
  ]);
  if (!consumer) return deny(["Unknown consumer"]);
  if (!api) return deny(["Unknown API"]);
  const reasons: string[] = [];
  if (consumer.status !== "ACTIVE") reasons.push(`Consumer is ${consumer.status.toLowerCase()}`);
  if (api.lifecycle === "RETIRED") reasons.push("API is retired");
  if (!grant) return deny([...reasons, "No live grant for this consumer on this API"]);
  if (grant.status !== "ACTIVE") reasons.push(`Grant is ${grant.status.toLowerCase()}`);
  if (grant.expiresAt && grant.expiresAt <= now) reasons.push(`Grant expired at ${grant.expiresAt.toISOString()}`);
  const held = new Set(grant.scopes.filter((s) => !s.expiresAt || s.expiresAt > now).map((s) => s.scope.name));
  const missing = [...new Set(input.scopes)].filter((s) => !held.has(s));
  if (missing.length) reasons.push(`Scopes not granted: ${missing.join(", ")}`);
  if (reasons.length) return deny(reasons, grant.id);
  return { decision: "allow", reasons: [`Active grant covers ${input.scopes.length ? input.scopes.join(", ") : "the call"}`], grantId: grant.id, expiresAt: grant.expiresAt?.toISOString() ?? null };
}
