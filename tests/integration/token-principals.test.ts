// A console API token acts for the person who created it, with at most their reach, narrowed by
// its scopes; when that person is deactivated or loses the role, the token stops at its next call.
import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "@/lib/api/commands/create-token";
import { revokeToken } from "@/lib/api/commands/revoke-token";
import { catalog } from "@/lib/api/resources";
import { collectionRoutes, itemRoutes } from "@/lib/api/routes";
import { listTokens } from "@/lib/api/tokens";
import { POST as eventsRoute } from "@/app/api/v1/events/route";
import { createApi } from "@/lib/catalogue/commands/create-api";
import { runCommand } from "@/lib/server/command";
import type { Ctx } from "@/lib/server/authz";
import { changesSeen } from "@/lib/api/live-view";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, ctxsFor, expectAppError, liveStateDigest } from "./helpers";

let admin: Ctx, owner: Ctx, manager: Ctx, exec: Ctx, auditor: Ctx;
let teamId: string;
beforeAll(async () => {
  [admin, owner, manager, exec, auditor] = await ctxsFor(DEMO.admin, DEMO.owner, DEMO.manager, DEMO.exec, DEMO.auditor);
  teamId = (await db.team.findFirstOrThrow()).id;
});

function send(handler: (r: Request) => Promise<Response>, token: string, init: { method?: string; body?: unknown } = {}) {
  const request = new Request("http://localhost/api/v1/apis", {
    method: init.method ?? "GET",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  return handler(request);
}

/** An item route's handler with its path parameter, as the server calls it. */
const item = (handler: (r: Request, c: { params: Promise<{ id: string }> }) => Promise<Response>, id: string) => (r: Request) =>
  handler(r, { params: Promise.resolve({ id }) });

const apiBody = (name: string) => ({ name, teamId, environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" });

describe("who may hold a token", () => {
  it("administrators and owners; managers, executives and auditors may not", async () => {
    for (const ctx of [manager, exec, auditor].filter((c) => !c.roles.includes("OWNER") && !c.roles.includes("ADMIN"))) {
      await expectAppError(runCommand(createToken, ctx, { name: "not allowed", scopes: ["catalog:read"], days: 30 }), "FORBIDDEN");
    }
    const mine = await runCommand(createToken, owner, { name: "owner pipeline", scopes: ["catalog:read"], days: 30 });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: mine.id } })).createdById).toBe(owner.userId);
    // An owner sees and revokes only their own tokens.
    const adminToken = await runCommand(createToken, admin, { name: "admin gateway", scopes: ["catalog:read"], days: 30 });
    expect((await listTokens(owner)).map((t) => t.id)).toEqual([mine.id]);
    await expectAppError(runCommand(revokeToken, owner, { id: adminToken.id }), "NOT_FOUND");
    expect((await listTokens(admin)).map((t) => t.id)).toEqual(expect.arrayContaining([mine.id, adminToken.id]));
  });
});

describe("a token acts for its creator", () => {
  it("an owner's token reaches what the owner does, and the rows it creates are the owner's", async () => {
    const token = await runCommand(createToken, owner, { name: "owner writer", scopes: ["catalog:read", "catalog:write"], days: 30 });
    const { POST } = collectionRoutes(catalog.apis);
    const created = await send(POST, token.secret, { method: "POST", body: apiBody("Owner token API") });
    expect(created.status).toBe(201);
    const api = await created.json();
    expect(api.ownerId).toBe(owner.userId);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: api.id, action: "api.create" } });
    expect(audit).toMatchObject({ actorKind: "API_TOKEN", actorTokenId: token.id, actorUserId: owner.userId, actorLabel: "token:owner writer" });

    // Naming another owner is an admin's reach, not the owner's, and so not their token's.
    const refused = await send(POST, token.secret, { method: "POST", body: { ...apiBody("Handed-over API"), ownerId: admin.userId } });
    expect(refused.status).toBe(422);
    // Someone else's API reads as missing to the owner's token.
    const foreign = await runCommand(createApi, admin, apiBody("Admin-only API"));
    const before = await liveStateDigest();
    const patched = await send(item(itemRoutes(catalog.apis).PATCH, foreign.id), token.secret, { method: "PATCH", body: { description: "Taken over" } });
    expect(patched.status).toBe(404);
    expect(await liveStateDigest()).toBe(before);
  });

  it("an owner's token cannot feed usage: last-used dates decide findings and reviews", async () => {
    const token = await runCommand(createToken, owner, { name: "owner gateway", scopes: ["telemetry:write"], days: 30 });
    const grant = await db.grant.findFirstOrThrow({ where: { status: "ACTIVE" } });
    const request = new Request("http://localhost/api/v1/events", {
      method: "POST",
      headers: { Authorization: `Bearer ${token.secret}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        events: [{ id: "owner-forged", occurredAt: new Date().toISOString(), consumer: grant.consumerId, api: grant.apiId, kind: "api_call" }],
      }),
    });
    expect((await eventsRoute(request)).status).toBe(403);
    expect(await db.usageEvent.count({ where: { id: "owner-forged" } })).toBe(0);
  });

  it("a token without the write scope cannot write, even when its creator could", async () => {
    const token = await runCommand(createToken, admin, { name: "read only", scopes: ["catalog:read"], days: 30 });
    const response = await send(collectionRoutes(catalog.apis).POST, token.secret, { method: "POST", body: apiBody("Never made") });
    expect(response.status).toBe(403);
    expect(await db.api.count({ where: { name: "Never made" } })).toBe(0);
  });
});

describe("a token whose creator leaves", () => {
  it("stops at the next call when the creator is deactivated, and shows as suspended", async () => {
    const person = await db.user.create({ data: { email: "leaver@scopeward.test", name: "Leaver", roles: { create: [{ role: "ADMIN" }] } } });
    const leaver = await ctxFor(person.email);
    const token = await runCommand(createToken, leaver, { name: "leaver's gateway", scopes: ["catalog:read", "catalog:write"], days: 30 });
    const { GET, POST } = collectionRoutes(catalog.apis);
    expect((await send(GET, token.secret)).status).toBe(200);

    await db.user.update({ where: { id: person.id }, data: { active: false } });
    // Written past the commands, which return once the change is seen: wait as they do.
    await changesSeen();
    const refused = await send(GET, token.secret);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect((await refused.json()).detail).toBe("This token is suspended: leaver@scopeward.test, who created it, is deactivated.");
    const counts = await db.api.count();
    expect((await send(POST, token.secret, { method: "POST", body: apiBody("Made by a leaver") })).status).toBe(401);
    expect(await db.api.count()).toBe(counts);
    const listed = (await listTokens(admin)).find((t) => t.id === token.id);
    expect(listed?.suspension).toMatch(/deactivated/);
  });

  it("stops when the creator loses every role that may keep tokens", async () => {
    const person = await db.user.create({
      data: { email: "demoted@scopeward.test", name: "Demoted", roles: { create: [{ role: "ADMIN" }, { role: "AUDITOR" }] } },
    });
    const token = await runCommand(createToken, await ctxFor(person.email), { name: "demoted gateway", scopes: ["catalog:read"], days: 30 });
    const { GET } = collectionRoutes(catalog.apis);
    expect((await send(GET, token.secret)).status).toBe(200);
    await db.userRoleGrant.delete({ where: { userId_role: { userId: person.id, role: "ADMIN" } } });
    await changesSeen();
    const refused = await send(GET, token.secret);
    expect(refused.status).toBe(401);
    expect((await refused.json()).detail).toMatch(/no longer holds a role that may keep API tokens/);
  });

  it("a token with no person behind it does not work", async () => {
    const token = await runCommand(createToken, admin, { name: "orphan", scopes: ["catalog:read"], days: 30 });
    await db.apiToken.update({ where: { id: token.id }, data: { createdById: null } });
    const refused = await send(collectionRoutes(catalog.apis).GET, token.secret);
    expect(refused.status).toBe(401);
    expect((await refused.json()).detail).toMatch(/No person stands behind this token/);
  });
});
