// The catalogue's mutations against a real database: what an owner and an admin can do,
// that each change carries its audit event in the same transaction, and that bad input
// changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { addScope } from "@/lib/catalogue/commands/add-scope";
import { createApi } from "@/lib/catalogue/commands/create-api";
import { createConsumer } from "@/lib/catalogue/commands/create-consumer";
import { createCredential } from "@/lib/catalogue/commands/create-credential";
import { createGrant } from "@/lib/catalogue/commands/create-grant";
import { decommissionConsumer } from "@/lib/catalogue/commands/decommission-consumer";
import { deleteApi } from "@/lib/catalogue/commands/delete-api";
import { deleteScope } from "@/lib/catalogue/commands/delete-scope";
import { revokeGrant } from "@/lib/catalogue/commands/revoke-grant";
import { rotateCredential } from "@/lib/catalogue/commands/rotate-credential";
import { updateApi } from "@/lib/catalogue/commands/update-api";
import { updateCredential } from "@/lib/catalogue/commands/update-credential";
import { updateGrant } from "@/lib/catalogue/commands/update-grant";
import { updateScope } from "@/lib/catalogue/commands/update-scope";
import { runCommand } from "@/lib/server/command";
import { listApis, listConsumers, listGrants } from "@/lib/catalogue/queries";
import { apiListParams, consumerListParams, grantListParams } from "@/lib/catalogue/schemas";
import type { Ctx } from "@/lib/server/authz";
import { db, provider } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError, rowCounts } from "./helpers";

let owner: Ctx;
let admin: Ctx;
let teamId: string;

beforeAll(async () => {
  owner = await ctxFor(DEMO.owner);
  admin = await ctxFor(DEMO.admin);
  teamId = (await db.team.findFirstOrThrow()).id;
});

const apiInput = (name: string) => ({ name, teamId, environment: "PRODUCTION", exposure: "INTERNAL", classification: "CONFIDENTIAL" });

describe("an owner's catalogue", () => {
  it("creates an API with scopes, a service consumer with a credential, and a grant — each audited", async () => {
    const before = await db.auditEvent.count();
    const api = await runCommand(createApi, owner, { ...apiInput("Shipping Quotes API"), ownerId: "" });
    expect(api.ownerId).toBe(owner.userId);
    const read = await runCommand(addScope, owner, { apiId: api.id, name: "quotes:read", level: "READ", description: "Read quotes" });
    const write = await runCommand(addScope, owner, { apiId: api.id, name: "quotes:write", level: "WRITE" });
    const consumer = await runCommand(createConsumer, owner, {
      kind: "SERVICE",
      name: "quote-sync-svc",
      teamId,
      environment: "PRODUCTION",
      isCiPipeline: "on",
    });
    expect(consumer).toMatchObject({ ownerId: owner.userId, isCiPipeline: true, autonomy: null });
    const credential = await runCommand(createCredential, owner, {
      consumerId: consumer.id,
      label: "quote-sync client",
      type: "CLIENT_SECRET",
      accessTokenTtlSeconds: "900",
      senderConstraint: "DPOP",
    });
    const grant = await runCommand(createGrant, owner, {
      apiId: api.id,
      consumerId: consumer.id,
      scopeIds: [read.id, write.id],
      justification: "Syncs quotes to the storefront",
    });
    expect(await db.grantScope.count({ where: { grantId: grant.id } })).toBe(2);

    const events = await db.auditEvent.findMany({ where: { at: { gte: new Date(Date.now() - 60_000) } }, orderBy: { at: "asc" } });
    expect(await db.auditEvent.count()).toBe(before + 6);
    const byTarget = new Map(events.map((e) => [e.targetId, e]));
    expect(byTarget.get(api.id)).toMatchObject({ action: "api.create", actorUserId: owner.userId, actorKind: "USER" });
    expect(byTarget.get(credential.id)).toMatchObject({ action: "credential.create" });
    expect(byTarget.get(grant.id)?.summary).toContain("quotes:read, quotes:write");
    expect((byTarget.get(grant.id)?.after as { scopes: string[] }).scopes).toEqual(["quotes:read", "quotes:write"]);
  });

  it("refuses naming someone else as owner, and a duplicate name, writing nothing", async () => {
    const counts = await rowCounts();
    const err = await expectAppError(runCommand(createApi, owner, { ...apiInput("Another API"), ownerId: admin.userId }), "VALIDATION");
    expect(err.fieldErrors?.ownerId).toEqual(["You can only assign yourself as owner"]);
    const dup = await expectAppError(runCommand(createApi, owner, apiInput("Shipping Quotes API")), "CONFLICT");
    expect(dup.fieldErrors?.name?.[0]).toMatch(/already exists/);
    expect(await rowCounts()).toEqual(counts);
  });

  it("returns every invalid field at once and writes nothing", async () => {
    const counts = await rowCounts();
    const err = await expectAppError(runCommand(createConsumer, owner, { kind: "AGENT", name: "x", teamId: "", environment: "MARS" }), "VALIDATION");
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(["agentProvider", "autonomy", "comparableRoleId", "environment", "name", "teamId"]);
    expect(await rowCounts()).toEqual(counts);
  });

  it("refuses a scope of another API in a grant", async () => {
    const mine = await db.api.findFirstOrThrow({ where: { name: "Shipping Quotes API" } });
    const foreignScope = await db.scope.findFirstOrThrow({ where: { apiId: { not: mine.id } } });
    const consumer = await db.consumer.findFirstOrThrow({ where: { status: "ACTIVE", name: { not: "quote-sync-svc" } } });
    const counts = await rowCounts();
    const err = await expectAppError(
      runCommand(createGrant, owner, { apiId: mine.id, consumerId: consumer.id, scopeIds: [foreignScope.id], justification: "crossing APIs is not allowed" }),
      "VALIDATION",
    );
    expect(err.fieldErrors?.scopeIds).toBeDefined();
    expect(await rowCounts()).toEqual(counts);
  });

  it("narrows a grant, records before and after, and refuses removing a held scope", async () => {
    const grant = await db.grant.findFirstOrThrow({ where: { consumer: { name: "quote-sync-svc" } }, include: { scopes: { include: { scope: true } } } });
    const read = grant.scopes.find((s) => s.scope.name === "quotes:read")!;
    const write = grant.scopes.find((s) => s.scope.name === "quotes:write")!;
    await expectAppError(runCommand(deleteScope, owner, { id: write.scopeId }), "CONFLICT");
    await runCommand(updateGrant, owner, { id: grant.id, scopeIds: [read.scopeId], justification: "Read is enough for the sync" });
    expect(await db.grantScope.findMany({ where: { grantId: grant.id }, select: { scopeId: true } })).toEqual([{ scopeId: read.scopeId }]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: grant.id, action: "grant.update" } });
    expect((audit.before as { scopes: string[] }).scopes.sort()).toEqual(["quotes:read", "quotes:write"]);
    expect((audit.after as { scopes: string[] }).scopes).toEqual(["quotes:read"]);
    await runCommand(deleteScope, owner, { id: write.scopeId });
  });

  it("does not delete an API that has grants on record", async () => {
    const api = await db.api.findFirstOrThrow({ where: { name: "Shipping Quotes API" } });
    await expectAppError(runCommand(deleteApi, owner, { id: api.id }), "CONFLICT");
    expect(await db.api.count({ where: { id: api.id } })).toBe(1);
  });

  it("deletes an API that was never granted", async () => {
    const api = await runCommand(createApi, owner, apiInput("Scratch API"));
    await runCommand(deleteApi, owner, { id: api.id });
    expect(await db.api.count({ where: { id: api.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { targetId: api.id, action: "api.delete" } })).toBe(1);
  });
});

describe("editing scopes and credentials", () => {
  it("changes a scope's level and records both levels", async () => {
    const scope = await db.scope.findFirstOrThrow({ where: { api: { ownerId: owner.userId }, level: "READ" } });
    await runCommand(updateScope, owner, { id: scope.id, level: "WRITE", description: "Now also writes" });
    expect((await db.scope.findUniqueOrThrow({ where: { id: scope.id } })).level).toBe("WRITE");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: scope.id, action: "scope.update" } });
    expect(audit.before).toMatchObject({ level: "READ" });
    expect(audit.after).toMatchObject({ level: "WRITE" });
  });

  it("changes a credential's lifetime and binding; clearing the expiry means it never expires", async () => {
    const link = await db.consumerCredential.findFirstOrThrow({
      where: { consumer: { ownerId: owner.userId, status: "ACTIVE" }, credential: { revokedAt: null } },
      include: { credential: true },
    });
    const after = await runCommand(updateCredential, owner, {
      id: link.credentialId,
      label: link.credential.label,
      type: "PRIVATE_KEY_JWT",
      senderConstraint: "MTLS",
      accessTokenTtlSeconds: "300",
      expiresAt: "",
    });
    expect(after).toMatchObject({ type: "PRIVATE_KEY_JWT", senderConstraint: "MTLS", accessTokenTtlSeconds: 300, expiresAt: null });
    const err = await expectAppError(
      runCommand(updateCredential, owner, { id: link.credentialId, label: "x1", type: "API_KEY", senderConstraint: "MTLS" }),
      "VALIDATION",
    );
    expect(err.fieldErrors?.senderConstraint).toBeDefined();
  });
});

describe("decommissioning a consumer", () => {
  it("revokes its live grants and sole credentials in one transaction, auditing each grant", async () => {
    const consumer = await db.consumer.findFirstOrThrow({
      where: { ownerId: owner.userId, status: "ACTIVE", grants: { some: { status: "ACTIVE" } } },
    });
    const live = await db.grant.count({ where: { consumerId: consumer.id, status: { in: ["ACTIVE", "PENDING", "SUSPENDED"] } } });
    expect(live).toBeGreaterThan(0);
    const result = await runCommand(decommissionConsumer, owner, { id: consumer.id, reason: "Replaced by a new pipeline" });
    expect(result.revokedGrants).toBe(live);
    expect(await db.grant.count({ where: { consumerId: consumer.id, status: { in: ["ACTIVE", "PENDING", "SUSPENDED"] } } })).toBe(0);
    expect(await db.grant.count({ where: { consumerId: consumer.id, status: "REVOKED", revokedAt: { not: null } } })).toBeGreaterThanOrEqual(live);
    expect(await db.auditEvent.count({ where: { action: "grant.revoke", summary: { contains: consumer.name } } })).toBe(live);
    expect((await db.consumer.findUniqueOrThrow({ where: { id: consumer.id } })).status).toBe("DECOMMISSIONED");
    await expectAppError(runCommand(decommissionConsumer, owner, { id: consumer.id, reason: "twice is refused" }), "CONFLICT");
  });
});

describe("audit in the same transaction", () => {
  // A database trigger makes every audit insert fail: the change it would record must not survive.
  async function breakAuditLog() {
    if (provider() === "postgresql") {
      await db.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END; $$ LANGUAGE plpgsql`,
      );
      await db.$executeRawUnsafe(`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
    } else {
      await db.$executeRawUnsafe(`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEvent" BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`);
    }
  }
  async function repairAuditLog() {
    await db.$executeRawUnsafe(provider() === "postgresql" ? `DROP TRIGGER refuse_audit ON "AuditEvent"` : `DROP TRIGGER refuse_audit`);
  }

  it("rolls back the change when its audit event cannot be written", async () => {
    const grant = await db.grant.findFirstOrThrow({ where: { status: "ACTIVE", api: { ownerId: owner.userId } } });
    const counts = await rowCounts();
    await breakAuditLog();
    try {
      await expect(runCommand(createApi, owner, apiInput("Unaudited API"))).rejects.toThrow();
      await expect(runCommand(revokeGrant, owner, { id: grant.id, reason: "would be unaudited" })).rejects.toThrow();
    } finally {
      await repairAuditLog();
    }
    expect(await rowCounts()).toEqual(counts);
    expect((await db.grant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("ACTIVE");
  });

  it("writes no audit event when the change itself is refused", async () => {
    const grant = await db.grant.findFirstOrThrow({ where: { status: "REVOKED", api: { ownerId: owner.userId } } });
    const audit = await db.auditEvent.count();
    await expectAppError(runCommand(revokeGrant, owner, { id: grant.id, reason: "already revoked" }), "CONFLICT");
    expect(await db.auditEvent.count()).toBe(audit);
  });
});

describe("lists", () => {
  it("search ignores case on every database", async () => {
    const upper = await listApis(owner, apiListParams.parse({ q: "PAYMENTS" }));
    const lower = await listApis(owner, apiListParams.parse({ q: "payments" }));
    expect(upper.total).toBeGreaterThan(0);
    expect(upper.rows.map((r) => r.id)).toEqual(lower.rows.map((r) => r.id));
  });

  it("counts each listed API's scopes and active grants, whatever the sort", async () => {
    for (const sort of ["name", "grants"] as const) {
      const page = await listApis(admin, apiListParams.parse({ sort, dir: "desc", pageSize: "100" }));
      expect(page.rows.length).toBeGreaterThan(1);
      const expected = await Promise.all(
        page.rows.map(async (api) => ({
          scopes: await db.scope.count({ where: { apiId: api.id } }),
          grants: await db.grant.count({ where: { apiId: api.id, status: "ACTIVE" } }),
        })),
      );
      expect(page.rows.map((api) => api._count)).toEqual(expected);
      expect(expected.some((counts) => counts.grants > 0 && counts.scopes > 0)).toBe(true);
    }
  });

  it("filters, sorts and pages on the server", async () => {
    const agents = await listConsumers(owner, consumerListParams.parse({ kind: "AGENT", sort: "name", dir: "desc", pageSize: "10", page: "2" }));
    expect(agents.total).toBe(await db.consumer.count({ where: { kind: "AGENT" } }));
    expect(agents.rows).toHaveLength(10);
    expect(agents.rows.every((r) => r.kind === "AGENT")).toBe(true);
    const names = agents.rows.map((r) => r.name);
    expect([...names].sort().reverse()).toEqual(names);
    const suspended = await listGrants(owner, grantListParams.parse({ status: "SUSPENDED" }));
    expect(suspended.total).toEqual({ count: await db.grant.count({ where: { status: "SUSPENDED" } }), estimated: false });
  });

  it("finds ownerless consumers, including those whose owner was deactivated", async () => {
    const page = await listConsumers(owner, consumerListParams.parse({ ownerless: "1", pageSize: "100" }));
    const expected = await db.consumer.count({ where: { OR: [{ ownerId: null }, { owner: { active: false } }] } });
    expect(page.total).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it("rotating a credential records the time", async () => {
    const link = await db.consumerCredential.findFirstOrThrow({
      where: { consumer: { ownerId: owner.userId, status: "ACTIVE" }, credential: { revokedAt: null } },
    });
    const after = await runCommand(rotateCredential, owner, { id: link.credentialId });
    expect(after.lastRotatedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("an admin may edit any API", async () => {
    const api = await db.api.findFirstOrThrow({ where: { ownerId: { not: admin.userId } } });
    const updated = await runCommand(updateApi, admin, {
      ...apiInput(api.name),
      environment: api.environment,
      description: "Edited by the platform team",
      id: api.id,
    });
    expect(updated.description).toBe("Edited by the platform team");
    expect(updated.ownerId).toBe(api.ownerId);
  });
});
