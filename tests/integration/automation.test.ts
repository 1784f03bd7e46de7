// The automation API's handlers, called as the server calls them, on SQLite and PostgreSQL:
// token lifecycle, the token as audit actor, rate limiting, events and decisions, and the
// OpenAPI document's validity.
import { validate } from "@readme/openapi-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { revokeGrant } from "@/lib/catalogue/commands/revoke-grant";
import { createToken } from "@/lib/api/commands/create-token";
import { revokeToken } from "@/lib/api/commands/revoke-token";
import { runCommand } from "@/lib/server/command";
import { catalog } from "@/lib/api/resources";
import { recordUsage } from "@/lib/api/commands/record-usage";
import { systemCtx } from "@/lib/server/authz";
import { decide } from "@/lib/api/decisions";
import { openApiDocument } from "@/lib/api/openapi";
import { listTokens } from "@/lib/api/tokens";
import { collectionRoutes } from "@/lib/api/routes";
import type { Ctx } from "@/lib/server/authz";
import { changesSeen } from "@/lib/api/live-view";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError } from "./helpers";

let admin: Ctx;
beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
});

const call = (handler: (r: Request) => Promise<Response>, token: string | null, init: RequestInit = {}) =>
  handler(
    new Request("http://localhost/api/v1/apis", {
      ...init,
      headers: { ...(token && { Authorization: `Bearer ${token}` }), "Content-Type": "application/json" },
    }),
  );

describe("console API tokens", () => {
  it("are stored as a hash, and stop working when revoked", async () => {
    const bad = await expectAppError(runCommand(createToken, admin, { name: "too long", scopes: ["catalog:read"], days: 400 }), "VALIDATION");
    expect(bad.fieldErrors?.days).toEqual(["At most one year"]);
    const token = await runCommand(createToken, admin, { name: "lifecycle", scopes: ["catalog:read", "catalog:write"], days: 30 });
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: token.id }, select: { tokenHash: true, prefix: true, scopes: true } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token.secret);

    const { GET } = collectionRoutes(catalog.apis);
    expect((await call(GET, token.secret)).status).toBe(200);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();
    await runCommand(revokeToken, admin, { id: token.id });
    expect((await call(GET, token.secret)).status).toBe(401);
    expect((await listTokens(admin)).find((t) => t.id === token.id)?.revokedAt).not.toBeNull();
    const trail = await db.auditEvent.findMany({ where: { targetId: token.id }, orderBy: { at: "asc" } });
    expect(trail.map((e) => e.action)).toEqual(["token.create", "token.revoke"]);
  });

  it("are refused once expired", async () => {
    const token = await runCommand(createToken, admin, { name: "expiring", scopes: ["catalog:read"], days: 1 });
    await db.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(collectionRoutes(catalog.apis).GET, token.secret)).status).toBe(401);
  });

  it("write through the API as the token: the audit names it and the person it acts for", async () => {
    const token = await runCommand(createToken, admin, { name: "writer", scopes: ["catalog:write"], days: 30 });
    const team = await db.team.findFirstOrThrow();
    const response = await call(collectionRoutes(catalog.apis).POST, token.secret, {
      method: "POST",
      body: JSON.stringify({ name: "Token-made API", teamId: team.id, environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" }),
    });
    expect(response.status).toBe(201);
    const api = await response.json();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: api.id, action: "api.create" } });
    expect(audit).toMatchObject({ actorKind: "API_TOKEN", actorTokenId: token.id, actorUserId: admin.userId, actorLabel: "token:writer" });
    // The rows a token creates are owned by the person it acts for.
    expect(api.ownerId).toBe(admin.userId);
  });
});

describe("events and decisions", () => {
  it("ingest idempotently and move last-used forward only", async () => {
    const grant = await db.grant.findFirstOrThrow({ where: { status: "ACTIVE", scopes: { some: {} } }, include: { scopes: { include: { scope: true } } } });
    const later = new Date(Date.now() - 1000);
    const earlier = new Date("2020-01-01T00:00:00Z");
    const batch = {
      events: [
        {
          id: "it-evt-1",
          occurredAt: later.toISOString(),
          consumer: grant.consumerId,
          api: grant.apiId,
          scopes: [grant.scopes[0]!.scope.name],
          kind: "api_call",
        },
        {
          id: "it-evt-2",
          occurredAt: earlier.toISOString(),
          consumer: grant.consumerId,
          api: grant.apiId,
          scopes: grant.scopes[0]!.scope.name,
          kind: "token_issued",
        },
        { id: "it-evt-2", occurredAt: earlier.toISOString(), consumer: grant.consumerId, api: grant.apiId, kind: "token_issued" },
        { id: "it-evt-3", occurredAt: later.toISOString(), consumer: grant.consumerId, api: "no-such-api", kind: "api_call" },
      ],
    };
    expect(await runCommand(recordUsage, systemCtx("gateway"), batch)).toEqual({
      received: 4,
      stored: 2,
      duplicates: 1,
      rejected: 1,
      unknown: { consumers: [], apis: ["no-such-api"] },
    });
    expect(await runCommand(recordUsage, systemCtx("gateway"), batch)).toMatchObject({ stored: 0, duplicates: 3 });
    expect(await db.usageEvent.count({ where: { id: { startsWith: "it-evt-" } } })).toBe(2);
    const after = await db.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { scopes: true } });
    expect(after.lastUsedAt?.getTime()).toBe(later.getTime());
    expect(after.scopes.find((s) => s.scopeId === grant.scopes[0]!.scopeId)?.lastUsedAt?.getTime()).toBe(later.getTime());
  });

  it("stores batches sent at once, more of them than the database pool has connections", async () => {
    // Each batch names a consumer no cache holds, so each looks names up beside its transaction:
    // were those reads to wait for the pool the transactions hold, every batch would wait on the others.
    const batches = Array.from({ length: 24 }, (_, i) => ({
      events: [
        {
          id: `it-wide-${i}`,
          occurredAt: new Date().toISOString(),
          consumer: `it-unheard-of-${i}-${Date.now()}`,
          api: "no-such-api",
          kind: "api_call" as const,
        },
      ],
    }));
    const results = await Promise.all(batches.map((batch) => runCommand(recordUsage, systemCtx("gateway"), batch)));
    expect(results.map((r) => r.rejected)).toEqual(batches.map(() => 1));
  });

  // Active grants with scopes that no test has just used, so each event is later than what they record.
  const unusedForAnHour = (order: "asc" | "desc", take: number) => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    return db.grant.findMany({
      where: {
        status: "ACTIVE",
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: hourAgo } }],
        scopes: { some: {}, every: { OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: hourAgo } }] } },
      },
      include: { scopes: { include: { scope: true }, orderBy: { scopeId: "asc" } } },
      orderBy: { id: order },
      take,
    });
  };

  it("moves last-used for each grant and each named scope across a batch of many consumers and APIs", async () => {
    const grants = await unusedForAnHour("asc", 12);
    expect(new Set(grants.map((g) => g.consumerId)).size).toBeGreaterThan(1);
    expect(new Set(grants.map((g) => g.apiId)).size).toBeGreaterThan(1);
    const base = Date.now() - 60_000;
    const events = grants.map((g, i) => ({
      id: `it-many-${i}`,
      occurredAt: new Date(base + i * 1000).toISOString(),
      consumer: g.consumerId,
      api: g.apiId,
      scopes: [g.scopes[0]!.scope.name],
      kind: "api_call" as const,
    }));
    expect(await runCommand(recordUsage, systemCtx("gateway"), { events })).toMatchObject({ stored: grants.length, rejected: 0 });
    for (const [i, g] of grants.entries()) {
      const after = await db.grant.findUniqueOrThrow({ where: { id: g.id }, include: { scopes: true } });
      expect(after.lastUsedAt?.getTime()).toBe(base + i * 1000);
      for (const held of after.scopes) {
        const before = g.scopes.find((s) => s.scopeId === held.scopeId)!;
        // Only the scope the event carried moves; the grant's others keep what they had.
        expect(held.lastUsedAt?.getTime()).toBe(held.scopeId === g.scopes[0]!.scopeId ? base + i * 1000 : before.lastUsedAt?.getTime());
      }
    }
  });

  it("moves each scope to the latest event that carried it, and the grant to the latest of all", async () => {
    const grant = (await unusedForAnHour("desc", 100)).find((g) => g.scopes.length >= 2);
    const [first, second] = grant?.scopes ?? [];
    if (!grant || !first || !second) return expect.unreachable("the demo has active grants of two scopes or more");
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const event = (id: string, when: Date, scopes: string) => ({
      id,
      occurredAt: when.toISOString(),
      consumer: grant.consumerId,
      api: grant.apiId,
      scopes,
      kind: "api_call" as const,
    });
    const events = [
      event("it-latest-1", at(30), first.scope.name),
      event("it-latest-2", at(10), `${first.scope.name} ${second.scope.name}`),
      event("it-latest-3", at(8), second.scope.name),
      event("it-latest-4", at(5), ""),
    ];
    expect(await runCommand(recordUsage, systemCtx("gateway"), { events })).toMatchObject({ stored: 4 });
    const after = await db.grant.findUniqueOrThrow({ where: { id: grant.id }, include: { scopes: true } });
    expect(after.lastUsedAt?.getTime()).toBe(new Date(events[3]!.occurredAt).getTime());
    const scopeAt = (scopeId: string) => after.scopes.find((s) => s.scopeId === scopeId)?.lastUsedAt?.getTime();
    expect(scopeAt(first.scopeId)).toBe(new Date(events[1]!.occurredAt).getTime());
    expect(scopeAt(second.scopeId)).toBe(new Date(events[2]!.occurredAt).getTime());
  });

  it("decide from live state: allow, then deny at the next call after a revocation", async () => {
    const grant = await db.grant.findFirstOrThrow({
      where: {
        status: "ACTIVE",
        expiresAt: null,
        consumer: { status: "ACTIVE" },
        api: { lifecycle: { not: "RETIRED" } },
        scopes: { some: { expiresAt: null } },
      },
      include: { scopes: { include: { scope: true } } },
    });
    const ask = () => decide({ consumer: grant.consumerId, api: grant.apiId, scopes: [grant.scopes[0]!.scope.name] });
    expect(await ask()).toMatchObject({ decision: "allow", grantId: grant.id });
    await db.grant.update({ where: { id: grant.id }, data: { status: "SUSPENDED" } });
    // Written past the commands, which return once the change is seen: wait as they do.
    await changesSeen();
    expect(await ask()).toMatchObject({ decision: "deny", reasons: ["Grant is suspended"] });
    await db.grant.update({ where: { id: grant.id }, data: { status: "ACTIVE" } });
    await runCommand(revokeGrant, admin, { id: grant.id, reason: "Decision flip test" });
    expect(await ask()).toMatchObject({ decision: "deny", reasons: ["No live grant for this consumer on this API"] });
  });
});

describe("the OpenAPI document", () => {
  it("validates as OpenAPI 3.1", async () => {
    const result = await validate(structuredClone(openApiDocument()) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.specification).toBe("OpenAPI");
  });
});
