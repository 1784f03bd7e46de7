// Regression: an OWNER could rewrite grants on APIs they do not own through the CSV import
// (a row giving the id of a foreign grant), and then have a scope of their own API that shares
// a name with the foreign API's scope allowed by the decision point. Both must be refused and
// change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { addScope } from "@/lib/catalogue/commands/add-scope";
import { createApi } from "@/lib/catalogue/commands/create-api";
import { createToken } from "@/lib/api/commands/create-token";
import { runCommand } from "@/lib/server/command";
import { applyCsvImport, previewCsvImport } from "@/lib/catalogue/csv-import";
import { decide } from "@/lib/api/decisions";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { POST as decisionsRoute } from "@/app/api/v1/decisions/route";
import { DEMO, ctxFor, expectAppError, liveStateDigest } from "./helpers";

let admin: Ctx, owner: Ctx;
let foreign: Awaited<ReturnType<typeof foreignGrant>>;
let ownApi: { id: string; name: string; environment: string };
let ownConsumer: { id: string; name: string; environment: string };

/** A live grant on an API the owner does not own, with a scope it does not hold. */
async function foreignGrant() {
  const grant = await db.grant.findFirstOrThrow({
    where: {
      status: "ACTIVE",
      expiresAt: null,
      consumer: { status: "ACTIVE" },
      api: { ownerId: { not: owner.userId }, lifecycle: { not: "RETIRED" } },
    },
    include: { consumer: true, api: { include: { scopes: true } }, scopes: { include: { scope: true } } },
    orderBy: { id: "asc" },
  });
  const held = new Set(grant.scopes.map((s) => s.scopeId));
  const unheld = grant.api.scopes.find((s) => !held.has(s.id));
  if (!unheld) throw new Error("test data: the foreign grant holds every scope of its API");
  return { ...grant, unheld };
}

beforeAll(async () => {
  [admin, owner] = await Promise.all([ctxFor(DEMO.admin), ctxFor(DEMO.owner)]);
  foreign = await foreignGrant();
  const team = await db.team.findFirstOrThrow();
  // The attacker's own API declares a scope named like the foreign API's unheld scope.
  ownApi = await runCommand(createApi, owner, {
    name: "Look-alike API",
    teamId: team.id,
    environment: foreign.api.environment,
    exposure: "INTERNAL",
    classification: "INTERNAL",
  });
  await runCommand(addScope, owner, { apiId: ownApi.id, name: foreign.unheld.name, level: "ADMIN" });
  ownConsumer = await db.consumer.findFirstOrThrow({ where: { ownerId: owner.userId, status: "ACTIVE" }, orderBy: { id: "asc" } });
});

const grantRow = (fields: { id: string; consumer: { name: string; environment: string }; api: { name: string; environment: string }; scopes: string[] }) =>
  [
    "id,consumer,consumerEnvironment,api,apiEnvironment,scopes,justification,expiresAt",
    [
      fields.id,
      fields.consumer.name,
      fields.consumer.environment,
      fields.api.name,
      fields.api.environment,
      fields.scopes.join(" "),
      "Rewritten by someone who does not own the API",
      "",
    ].join(","),
  ].join("\n");

async function grantState(id: string) {
  const grant = await db.grant.findUniqueOrThrow({ where: { id }, include: { scopes: { orderBy: { scopeId: "asc" } } } });
  return JSON.stringify(grant);
}

describe("CSV import naming a grant on someone else's API", () => {
  it("refuses a row that rewrites a foreign grant as it is, and changes nothing", async () => {
    const csv = grantRow({
      id: foreign.id,
      consumer: foreign.consumer,
      api: foreign.api,
      scopes: [...foreign.scopes.map((s) => s.scope.name), foreign.unheld.name],
    });
    const before = await grantState(foreign.id);
    const digest = await liveStateDigest();
    const audit = await db.auditEvent.count();
    const preview = await previewCsvImport(owner, { kind: "grants", csv });
    expect(preview.create + preview.update).toBe(0);
    expect(preview.errors[0]!.messages.join(" ")).toMatch(/No grant with this id on an API you may change/);
    await expectAppError(applyCsvImport(owner, { kind: "grants", csv }), "VALIDATION");
    expect(await grantState(foreign.id)).toBe(before);
    expect(await liveStateDigest()).toBe(digest);
    expect(await db.auditEvent.count()).toBe(audit);
  });

  it("refuses a row that names the owner's own API and consumer beside a foreign grant's id", async () => {
    const csv = grantRow({ id: foreign.id, consumer: ownConsumer, api: ownApi, scopes: [foreign.unheld.name] });
    const before = await grantState(foreign.id);
    const audit = await db.auditEvent.count();
    const preview = await previewCsvImport(owner, { kind: "grants", csv });
    expect(preview.update).toBe(0);
    const messages = preview.errors[0]!.messages.join(" ");
    expect(messages).toContain(`consumer: grant ${foreign.id} belongs to another consumer`);
    expect(messages).toContain(`api: grant ${foreign.id} is on another API`);
    await expectAppError(applyCsvImport(owner, { kind: "grants", csv }), "VALIDATION");
    expect(await grantState(foreign.id)).toBe(before);
    expect(await db.auditEvent.count()).toBe(audit);
  });

  it("even an ADMIN's row cannot move a grant to another API's scopes", async () => {
    const csv = grantRow({ id: foreign.id, consumer: foreign.consumer, api: ownApi, scopes: [foreign.unheld.name] });
    const before = await grantState(foreign.id);
    const preview = await previewCsvImport(admin, { kind: "grants", csv });
    expect(preview.errors[0]!.messages).toContain(`api: grant ${foreign.id} is on another API`);
    await expectAppError(applyCsvImport(admin, { kind: "grants", csv }), "VALIDATION");
    expect(await grantState(foreign.id)).toBe(before);
  });
});

describe("decisions compare scopes by identity", () => {
  it("deny a scope held only through another API's scope of the same name", async () => {
    const lookAlike = await db.scope.findFirstOrThrow({ where: { apiId: ownApi.id, name: foreign.unheld.name } });
    // The state the old import could leave behind: the foreign grant holding the look-alike scope.
    await db.grantScope.create({ data: { grantId: foreign.id, scopeId: lookAlike.id } });
    try {
      const ask = { consumer: foreign.consumerId, api: foreign.apiId, scopes: [foreign.unheld.name] };
      expect(await decide(ask)).toMatchObject({ decision: "deny", reasons: [`Scopes not granted: ${foreign.unheld.name}`] });
      // And through the automation API, as a gateway asks.
      const token = await runCommand(createToken, admin, { name: "gateway", scopes: ["decisions:read"], days: 1 });
      const response = await decisionsRoute(
        new Request("http://localhost/api/v1/decisions", {
          method: "POST",
          headers: { Authorization: `Bearer ${token.secret}`, "Content-Type": "application/json" },
          body: JSON.stringify(ask),
        }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ decision: "deny" });
    } finally {
      await db.grantScope.delete({ where: { grantId_scopeId: { grantId: foreign.id, scopeId: lookAlike.id } } });
    }
  });
});
