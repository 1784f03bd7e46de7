// Every role is refused every catalogue mutation it may not make, and a refusal writes
// nothing: no row, no change, no audit event.
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/settings/commands/create-user";
import { updateUser } from "@/lib/settings/commands/update-user";
import { addScope } from "@/lib/catalogue/commands/add-scope";
import { createApi } from "@/lib/catalogue/commands/create-api";
import { createConsumer } from "@/lib/catalogue/commands/create-consumer";
import { createCredential } from "@/lib/catalogue/commands/create-credential";
import { createGrant } from "@/lib/catalogue/commands/create-grant";
import { decommissionConsumer } from "@/lib/catalogue/commands/decommission-consumer";
import { deleteApi } from "@/lib/catalogue/commands/delete-api";
import { deleteScope } from "@/lib/catalogue/commands/delete-scope";
import { revokeCredential } from "@/lib/catalogue/commands/revoke-credential";
import { revokeGrant } from "@/lib/catalogue/commands/revoke-grant";
import { rotateCredential } from "@/lib/catalogue/commands/rotate-credential";
import { updateApi } from "@/lib/catalogue/commands/update-api";
import { updateConsumer } from "@/lib/catalogue/commands/update-consumer";
import { updateCredential } from "@/lib/catalogue/commands/update-credential";
import { updateGrant } from "@/lib/catalogue/commands/update-grant";
import { updateScope } from "@/lib/catalogue/commands/update-scope";
import { runCommand } from "@/lib/server/command";
import { listAuditEvents, auditListParams } from "@/lib/audit/queries";
import { type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError, liveStateDigest, rowCounts } from "./helpers";

type Fixture = { apiId: string; scopeId: string; teamId: string; consumerId: string; credentialId: string; grantId: string; userId: string };
let f: Fixture;
// Filled for every demo person before the tests run.
const ctx = {} as Record<keyof typeof DEMO, Ctx>;

beforeAll(async () => {
  for (const key of Object.keys(DEMO) as (keyof typeof DEMO)[]) ctx[key] = await ctxFor(DEMO[key]);
  // An API, consumer and grant that owner@ does NOT own, so "own" reach must refuse them.
  const api = await db.api.findFirstOrThrow({ where: { ownerId: { not: ctx.owner!.userId } }, include: { scopes: true } });
  const consumer = await db.consumer.findFirstOrThrow({
    where: { ownerId: { not: ctx.owner!.userId }, status: "ACTIVE", credentials: { some: {} } },
    include: { credentials: true },
  });
  const grant = await db.grant.findFirstOrThrow({ where: { status: "ACTIVE", api: { ownerId: { not: ctx.owner!.userId } } }, include: { scopes: true } });
  const user = await db.user.findFirstOrThrow({ where: { email: { startsWith: "lead." } } });
  f = {
    apiId: api.id,
    scopeId: api.scopes[0]!.id,
    teamId: api.teamId,
    consumerId: consumer.id,
    credentialId: consumer.credentials[0]!.credentialId,
    grantId: grant.id,
    userId: user.id,
  };
});

const inputs = () => ({
  api: { name: "Forbidden API", teamId: f.teamId, environment: "PRODUCTION", exposure: "INTERNAL", classification: "INTERNAL" },
  consumer: { kind: "SERVICE", name: "forbidden-svc", teamId: f.teamId, environment: "PRODUCTION" },
});

// Each mutation, called as the given caller. Creating needs a role; acting on a thing needs ownership too.
const mutations: Record<string, (c: Ctx) => Promise<unknown>> = {
  "create API": (c) => runCommand(createApi, c, inputs().api),
  "update API": (c) => runCommand(updateApi, c, { ...inputs().api, id: f.apiId }),
  "delete API": (c) => runCommand(deleteApi, c, { id: f.apiId }),
  "add scope": (c) => runCommand(addScope, c, { apiId: f.apiId, name: "forbidden:write", level: "WRITE" }),
  "remove scope": (c) => runCommand(deleteScope, c, { id: f.scopeId }),
  "change scope": (c) => runCommand(updateScope, c, { id: f.scopeId, level: "ADMIN", description: "escalated" }),
  "create consumer": (c) => runCommand(createConsumer, c, inputs().consumer),
  "update consumer": (c) => runCommand(updateConsumer, c, { ...inputs().consumer, id: f.consumerId }),
  "decommission consumer": (c) => runCommand(decommissionConsumer, c, { id: f.consumerId, reason: "not mine to end" }),
  "add credential": (c) => runCommand(createCredential, c, { consumerId: f.consumerId, label: "sneaky key", type: "API_KEY" }),
  "rotate credential": (c) => runCommand(rotateCredential, c, { id: f.credentialId }),
  "change credential": (c) => runCommand(updateCredential, c, { id: f.credentialId, label: "renamed key", type: "API_KEY" }),
  "revoke credential": (c) => runCommand(revokeCredential, c, { id: f.credentialId }),
  "create grant": (c) =>
    runCommand(createGrant, c, { apiId: f.apiId, consumerId: f.consumerId, scopeIds: [f.scopeId], justification: "should never be written" }),
  "update grant": (c) => runCommand(updateGrant, c, { id: f.grantId, scopeIds: [f.scopeId], justification: "should never be written" }),
  "revoke grant": (c) => runCommand(revokeGrant, c, { id: f.grantId, reason: "not mine to revoke" }),
  "create user": (c) => runCommand(createUser, c, { name: "Mallory", email: "mallory@example.com", password: "a-very-long-password", roles: ["ADMIN"] }),
  "update user": (c) => runCommand(updateUser, c, { id: f.userId, name: "Renamed", roles: ["ADMIN"], active: "on" }),
};

// What each demo role is refused: FORBIDDEN without the role, NOT_FOUND when the role
// reaches only its own things (the other's thing is invisible to the mutation).
const REFUSED: Record<string, Record<string, "FORBIDDEN" | "NOT_FOUND">> = {
  exec: Object.fromEntries(Object.keys(mutations).map((m) => [m, "FORBIDDEN"])),
  auditor: Object.fromEntries(Object.keys(mutations).map((m) => [m, "FORBIDDEN"])),
  owner: {
    "update API": "NOT_FOUND",
    "delete API": "NOT_FOUND",
    "add scope": "NOT_FOUND",
    "remove scope": "NOT_FOUND",
    "change scope": "NOT_FOUND",
    "update consumer": "NOT_FOUND",
    "decommission consumer": "NOT_FOUND",
    "add credential": "NOT_FOUND",
    "rotate credential": "NOT_FOUND",
    "change credential": "NOT_FOUND",
    "revoke credential": "NOT_FOUND",
    "create grant": "NOT_FOUND",
    "update grant": "NOT_FOUND",
    "revoke grant": "NOT_FOUND",
    "create user": "FORBIDDEN",
    "update user": "FORBIDDEN",
  },
};

describe.each(Object.entries(REFUSED))("as %s", (role, refused) => {
  it.each(Object.entries(refused))("refuses to %s and writes nothing", async (name, code) => {
    const counts = await rowCounts();
    const digest = await liveStateDigest();
    await expectAppError(mutations[name]!(ctx[role as keyof typeof DEMO]), code);
    expect(await rowCounts()).toEqual(counts);
    expect(await liveStateDigest()).toEqual(digest);
  });
});

describe("ids bound to server actions come from the client", () => {
  it("an id that is not a plain string is refused before any query, writing nothing", async () => {
    const counts = await rowCounts();
    const digest = await liveStateDigest();
    await expectAppError(runCommand(updateApi, ctx.admin, { ...inputs().api, id: { not: "x" } }), "VALIDATION");
    await expectAppError(runCommand(updateConsumer, ctx.admin, { ...inputs().consumer, id: { in: [f.consumerId] } }), "VALIDATION");
    expect(await rowCounts()).toEqual(counts);
    expect(await liveStateDigest()).toEqual(digest);
  });
});

describe("a manager without the OWNER role", () => {
  it("cannot create APIs or consumers", async () => {
    const lead = await db.user.findFirstOrThrow({ where: { email: { startsWith: "lead." } } });
    await db.userRoleGrant.deleteMany({ where: { userId: lead.id, role: "OWNER" } });
    const managerOnly = await ctxFor(lead.email);
    expect(managerOnly.roles).toEqual(["MANAGER"]);
    await expectAppError(runCommand(createApi, managerOnly, inputs().api), "FORBIDDEN");
    await expectAppError(runCommand(createConsumer, managerOnly, inputs().consumer), "FORBIDDEN");
  });
});

describe("reading the audit log", () => {
  it("is refused to owners and executives and allowed to auditors", async () => {
    const params = auditListParams.parse({});
    await expectAppError(listAuditEvents(ctx.owner, params), "FORBIDDEN");
    await expectAppError(listAuditEvents(ctx.exec, params), "FORBIDDEN");
    expect((await listAuditEvents(ctx.auditor, params)).total).toBeGreaterThan(0);
  });
});
