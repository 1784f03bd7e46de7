// OpenAPI import is bounded and faithful: a document that would write without end is refused
// before anything is written; local references, YAML merge keys and OpenID Connect schemes count
// as the document means them; external references and invalid documents are refused by name; a
// scope the document drops stays visible while something names it, and decisions deny it.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/v1/apis/import/route";
import { createToken } from "@/lib/api/commands/create-token";
import { decide } from "@/lib/api/decisions";
import { createConsumer } from "@/lib/catalogue/commands/create-consumer";
import { createGrant } from "@/lib/catalogue/commands/create-grant";
import { importApi } from "@/lib/catalogue/commands/import-api";
import { IMPORT_LIMITS } from "@/lib/catalogue/openapi-document";
import { recomputeFindings } from "@/lib/findings/engine";
import type { Ctx } from "@/lib/server/authz";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError, rowCounts } from "./helpers";

let admin: Ctx;
let teamId: string;
beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
  teamId = (await db.team.findFirstOrThrow()).id;
});

const input = (document: unknown, name: string) => ({ document, name, teamId, environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" });
const oauth = (scopes: Record<string, string>) => ({
  oauth: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://idp.example.test/token", scopes } } },
});
const op = (scopes: string[], extra: Record<string, unknown> = {}) => ({
  responses: { "200": { description: "ok" } },
  security: [{ oauth: scopes }],
  ...extra,
});

async function counted(apiId: string) {
  return {
    scopes: await db.scope.count({ where: { apiId } }),
    operations: await db.apiOperation.count({ where: { apiId } }),
    pairs: await db.operationScope.count({ where: { operation: { apiId } } }),
  };
}

describe("bounds, checked before anything is written", () => {
  it("refuses a small document whose operations each require every scope", async () => {
    const scopes = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`s${i}`, "x"]));
    const names = Object.keys(scopes);
    const paths = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`/r${i}`, { get: op(names) }]));
    const document = { openapi: "3.0.3", info: { title: "Amplifier", version: "1" }, paths, components: { securitySchemes: oauth(scopes) } };
    const before = await rowCounts();
    const error = await expectAppError(runCommand(importApi, admin, input(document, "Amplifier")), "VALIDATION");
    expect(error.fieldErrors?.document?.join(" ")).toContain(`(operation, scope) pairs`);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a document over the size limit however it is sent: as JSON inside the request, and a body too large to read", async () => {
    const big = { openapi: "3.0.3", info: { title: "Big", version: "1" }, paths: {}, "x-filler": "x".repeat(IMPORT_LIMITS.bytes + 10) };
    const error = await expectAppError(runCommand(importApi, admin, input(big, "Big")), "VALIDATION");
    expect(error.fieldErrors?.document).toEqual(["At most 20 MB"]);
    const token = await runCommand(createToken, admin, { name: "importer", scopes: ["catalog:write"], days: 1 });
    const response = await importRoute(
      new Request("http://localhost/api/v1/apis/import", {
        method: "POST",
        headers: { Authorization: `Bearer ${token.secret}`, "Content-Type": "application/json" },
        body: JSON.stringify(input({ ...big, "x-more": "y".repeat(2_000_000) }, "Big")),
      }),
    );
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("what the document means", () => {
  it("follows a path item given by a local $ref", async () => {
    const document = {
      openapi: "3.0.3",
      info: { title: "Refs", version: "1" },
      paths: { "/a": { get: op(["r"]), post: op(["w"]), delete: op(["w"]) }, "/b": { $ref: "#/paths/~1a" } },
      components: { securitySchemes: oauth({ r: "read things", w: "change things" }) },
    };
    const result = await runCommand(importApi, admin, input(document, "Refs API"));
    expect(await counted(result.id)).toEqual({ scopes: 2, operations: 6, pairs: 6 });
  });

  it("applies YAML merge keys", async () => {
    const yaml = `openapi: 3.0.3
info: { title: Merged, version: "1" }
x-common: &common
  responses: { "200": { description: ok } }
  security: [ { oauth: [a, b] } ]
paths:
  /one:
    get: { <<: *common, operationId: one }
    put: { <<: *common, operationId: two }
  /two:
    get: { <<: *common, operationId: three }
components:
  securitySchemes:
    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: "https://idp.example.test/token", scopes: { a: x, b: y } } } }
`;
    const result = await runCommand(importApi, admin, input(yaml, "Merged API"));
    expect(await counted(result.id)).toEqual({ scopes: 2, operations: 3, pairs: 6 });
  });

  it("reads the scopes OpenID Connect requirements name", async () => {
    const document = {
      openapi: "3.1.0",
      info: { title: "OIDC", version: "1" },
      paths: { "/me": { get: { responses: { "200": { description: "ok" } }, security: [{ oidc: ["profile", "orders:read"] }] } } },
      components: { securitySchemes: { oidc: { type: "openIdConnect", openIdConnectUrl: "https://idp.example.test/.well-known/openid-configuration" } } },
    };
    const result = await runCommand(importApi, admin, input(document, "OIDC API"));
    expect(await counted(result.id)).toEqual({ scopes: 2, operations: 1, pairs: 2 });
  });

  it("refuses an external reference by name, without fetching it", async () => {
    const document = { openapi: "3.0.3", info: { title: "External", version: "1" }, paths: { "/a": { $ref: "https://specs.example.test/paths.yaml#/a" } } };
    const before = await rowCounts();
    const error = await expectAppError(runCommand(importApi, admin, input(document, "External API")), "VALIDATION");
    expect(error.fieldErrors?.document).toEqual(["/paths/~1a/$ref: https://specs.example.test/paths.yaml#/a"]);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses an invalid document, naming each problem by JSON Pointer", async () => {
    const document = { openapi: "3.0.3", info: { title: "Broken" }, paths: { "/a": { get: { responses: "none" } } } };
    const error = await expectAppError(runCommand(importApi, admin, input(document, "Broken API")), "VALIDATION");
    expect(error.fieldErrors?.document).toEqual(["/info: must have required property 'version'", "/paths/~1a/get/responses: must be object"]);
  });

  it("gives a scope a writing operation requires at least write, and reads its description", async () => {
    const document = {
      openapi: "3.0.3",
      info: { title: "Levels", version: "1" },
      paths: { "/settings": { get: op(["settings"]), post: op(["settings"]) }, "/books": { get: op(["accounting.transactions"]) } },
      components: { securitySchemes: oauth({ settings: "Settings", "accounting.transactions": "Grant read-write access to bank transactions" }) },
    };
    const result = await runCommand(importApi, admin, input(document, "Levels API"));
    const levels = await db.scope.findMany({ where: { apiId: result.id }, select: { name: true, level: true }, orderBy: { name: "asc" } });
    expect(levels).toEqual([
      { name: "accounting.transactions", level: "WRITE" },
      { name: "settings", level: "WRITE" },
    ]);
  });
});

describe("a scope the document drops", () => {
  it("stays, marked removed, while a grant names it: decisions deny it, a finding says so; it comes back when the document does", async () => {
    const document = (scopes: Record<string, string>) => ({
      openapi: "3.0.3",
      info: { title: "Dropping", version: "1" },
      paths: Object.fromEntries(Object.keys(scopes).map((s) => [`/${s}`, { get: op([s]) }])),
      components: { securitySchemes: oauth(scopes) },
    });
    const first = await runCommand(importApi, admin, input(document({ keep: "k", drop: "d", gone: "g" }), "Dropping API"));
    const scopes = await db.scope.findMany({ where: { apiId: first.id } });
    const id = (name: string) => scopes.find((s) => s.name === name)!.id;
    const role = await db.jobRole.findFirstOrThrow();
    await db.jobRoleScope.create({ data: { roleId: role.id, scopeId: id("gone") } });
    const consumer = await runCommand(createConsumer, admin, { kind: "SERVICE", name: "dropping-svc", teamId, environment: "STAGING" });
    const grant = await runCommand(createGrant, admin, {
      consumerId: consumer.id,
      apiId: first.id,
      scopeIds: [id("keep"), id("drop")],
      justification: "Holds a scope about to be dropped",
    });

    const second = await runCommand(importApi, admin, input(document({ keep: "k" }), "Dropping API"));
    expect(second).toMatchObject({ removed: ["gone"], keptWhileGranted: ["drop"] });
    expect((await db.scope.findUniqueOrThrow({ where: { id: id("drop") } })).removedAt).not.toBeNull();
    expect(await db.scope.count({ where: { id: id("gone") } })).toBe(0);
    // The baseline lost a scope: audited, not silent.
    expect(await db.auditEvent.count({ where: { action: "role.baseline", targetId: role.id } })).toBe(1);

    expect(await decide({ consumer: consumer.id, api: first.id, scopes: ["drop"] })).toMatchObject({
      decision: "deny",
      reasons: ["Scopes removed from the API's document: drop"],
    });
    expect(await decide({ consumer: consumer.id, api: first.id, scopes: ["keep"] })).toMatchObject({ decision: "allow" });
    await recomputeFindings(new Date(), ["SCOPE_REMOVED_FROM_DOCUMENT"]);
    const finding = await db.finding.findFirstOrThrow({ where: { rule: "SCOPE_REMOVED_FROM_DOCUMENT", grantId: grant.id, status: "OPEN" } });
    expect(finding.explanation).toContain("Holds drop");

    const third = await runCommand(importApi, admin, input(document({ keep: "k", drop: "d" }), "Dropping API"));
    expect(third).toMatchObject({ restored: ["drop"] });
    expect((await db.scope.findUniqueOrThrow({ where: { id: id("drop") } })).removedAt).toBeNull();
    expect(await decide({ consumer: consumer.id, api: first.id, scopes: ["drop"] })).toMatchObject({ decision: "allow" });
  });
});
