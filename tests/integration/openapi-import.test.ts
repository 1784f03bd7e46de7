/* eslint-disable @typescript-eslint/no-explicit-any -- the tests walk free-form OpenAPI documents */
// Import of real OpenAPI documents: every declared scope and every operation's scopes arrive,
// a re-import changes nothing, and a scope still granted is never deleted.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { importApi } from "@/lib/catalogue/commands/import-api";
import { runCommand } from "@/lib/server/command";
import { previewImport } from "@/lib/catalogue/openapi-import";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError, rowCounts } from "./helpers";

const FIXTURES = join(process.cwd(), "tests/fixtures/openapi");
const spotify = readFileSync(join(FIXTURES, "spotify-web-api.openapi3.yaml"), "utf8");
const slack = readFileSync(join(FIXTURES, "slack-web-api.swagger2.json"), "utf8");

/** The document's own numbers, counted plainly: declared scopes ∪ scopes operations ask for, and operations. */
function census(doc: Record<string, any>) {
  const declared = new Set<string>();
  const schemes = doc.swagger ? doc.securityDefinitions : doc.components.securitySchemes;
  for (const s of Object.values<any>(schemes)) {
    if (s.type !== "oauth2") continue;
    for (const flow of doc.swagger ? [s] : Object.values<any>(s.flows)) for (const k of Object.keys(flow.scopes ?? {})) declared.add(k);
  }
  let operations = 0;
  let links = 0;
  for (const item of Object.values<any>(doc.paths)) {
    for (const method of ["get", "put", "post", "delete", "patch", "head", "options", "trace"]) {
      if (!item[method]) continue;
      operations++;
      const needed = new Set<string>();
      for (const req of item[method].security ?? doc.security ?? []) for (const list of Object.values<any>(req)) for (const s of list) needed.add(s);
      needed.forEach((s) => declared.add(s));
      links += needed.size;
    }
  }
  return { scopes: declared.size, operations, links };
}

let owner: Ctx;
let teamId: string;
beforeAll(async () => {
  owner = await ctxFor(DEMO.owner);
  teamId = (await db.team.findFirstOrThrow()).id;
});

const input = (document: string, over: Record<string, unknown> = {}) => ({
  document,
  teamId,
  environment: "PRODUCTION",
  exposure: "PUBLIC",
  classification: "CONFIDENTIAL",
  ...over,
});

describe("OpenAPI import", () => {
  for (const [name, text, doc] of [
    ["Spotify (OpenAPI 3, YAML)", spotify, parseYaml(spotify)],
    ["Slack (Swagger 2.0, JSON)", slack, JSON.parse(slack)],
  ] as const) {
    it(`${name}: every scope and every operation's scopes`, async () => {
      const expected = census(doc);
      const preview = await previewImport(owner, input(text));
      expect(preview).toMatchObject({ action: "create", scopes: expected.scopes, operations: expected.operations, removed: [] });
      const result = await runCommand(importApi, owner, input(text));
      const api = await db.api.findUniqueOrThrow({ where: { id: result.id }, include: { _count: { select: { scopes: true, operations: true } } } });
      expect(api.ownerId).toBe(owner.userId);
      expect(api._count).toEqual({ scopes: expected.scopes, operations: expected.operations });
      expect(await db.operationScope.count({ where: { operation: { apiId: api.id } } })).toBe(expected.links);

      // Again: nothing added, nothing removed, the same scopes (same ids).
      const before = await db.scope.findMany({ where: { apiId: api.id }, select: { id: true, name: true, level: true }, orderBy: { name: "asc" } });
      const again = await runCommand(importApi, owner, input(text));
      expect(again).toMatchObject({ id: api.id, action: "update", added: [], removed: [], unchanged: expected.scopes });
      expect(await db.scope.findMany({ where: { apiId: api.id }, select: { id: true, name: true, level: true }, orderBy: { name: "asc" } })).toEqual(before);
      expect(await db.apiOperation.count({ where: { apiId: api.id } })).toBe(expected.operations);
    });
  }

  it("reads access levels from scope names and records which operations a scope permits", async () => {
    const api = await db.api.findFirstOrThrow({ where: { name: { startsWith: "Spotify" } } });
    const level = async (name: string) => (await db.scope.findFirstOrThrow({ where: { apiId: api.id, name } })).level;
    expect(await level("playlist-modify-public")).toBe("WRITE");
    expect(await level("user-read-playback-state")).toBe("READ");
    const ops = await db.operationScope.findMany({ where: { scope: { apiId: api.id, name: "playlist-modify-public" } }, include: { operation: true } });
    expect(ops.map((o) => `${o.operation.method} ${o.operation.path}`)).toContain("POST /users/{user_id}/playlists");
  });

  it("keeps a removed scope that a grant still holds, removes the others, and flags insecure flows", async () => {
    const doc = parseYaml(spotify);
    const api = await db.api.findFirstOrThrow({ where: { name: { startsWith: "Spotify" } } });
    const streaming = await db.scope.findFirstOrThrow({ where: { apiId: api.id, name: "streaming" } });
    const consumer = await db.consumer.findFirstOrThrow({ where: { status: "ACTIVE" } });
    await db.grant.create({ data: { consumerId: consumer.id, apiId: api.id, scopes: { create: [{ scopeId: streaming.id }] } } });
    const flows = doc.components.securitySchemes.oauth_2_0.flows;
    delete flows.authorizationCode.scopes.streaming;
    delete flows.authorizationCode.scopes["ugc-image-upload"];
    flows.implicit = { authorizationUrl: "https://example.test/authorize", scopes: {} };
    // Operations asking for the dropped scopes would bring them back: drop those requirements too.
    for (const item of Object.values<any>(doc.paths))
      for (const op of Object.values<any>(item))
        if (op?.security)
          op.security = op.security.map((r: any) => ({ oauth_2_0: r.oauth_2_0.filter((s: string) => s !== "streaming" && s !== "ugc-image-upload") }));
    const result = await runCommand(importApi, owner, input(JSON.stringify(doc)));
    expect(result).toMatchObject({ removed: ["ugc-image-upload"], keptWhileGranted: ["streaming"], implicitFlow: true });
    expect(await db.scope.count({ where: { apiId: api.id, name: "streaming" } })).toBe(1);
    expect(await db.scope.count({ where: { apiId: api.id, name: "ugc-image-upload" } })).toBe(0);
    expect((await db.api.findUniqueOrThrow({ where: { id: api.id } })).declaresImplicitFlow).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "api.import", targetId: api.id } })).toBe(3);
  });

  it("refuses what is not an OpenAPI document, writing nothing", async () => {
    const before = await rowCounts();
    const yaml = await expectAppError(runCommand(importApi, owner, input("title: [unclosed")), "VALIDATION");
    expect(yaml.fieldErrors?.document?.[0]).toBeTruthy();
    const other = await expectAppError(runCommand(importApi, owner, input(JSON.stringify({ info: { title: "x" } }))), "VALIDATION");
    expect(other.fieldErrors?.document).toEqual(['Expected an `openapi: 3.0.x` or `3.1.x`, or a `swagger: "2.0"` field']);
    await expectAppError(runCommand(importApi, owner, { document: spotify }), "VALIDATION");
    expect(await rowCounts()).toEqual(before);
  });

  it("leaves out scope names that break the rule, with the operations needing them, and says so in the preview", async () => {
    const bad = ["", "read write", "nul\u0000byte", "x".repeat(5_000), "tab\tname"];
    const good = ["https://example.test/auth/drive", "read:org", "User.Read.All"];
    const scopes = Object.fromEntries([...bad, ...good].map((s) => [s, `about ${s.slice(0, 10)}`]));
    const document = JSON.stringify({
      openapi: "3.0.3",
      info: { title: "Scope names under the rule", version: "1" },
      components: { securitySchemes: { oauth: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://example.test/token", scopes } } } } },
      paths: {
        "/drive": { get: { security: [{ oauth: ["https://example.test/auth/drive"] }], responses: { "200": { description: "ok" } } } },
        "/org": { post: { security: [{ oauth: ["read:org", "read write"] }], responses: { "200": { description: "ok" } } } },
        "/me": { get: { security: [{ oauth: ["User.Read.All"] }], responses: { "200": { description: "ok" } } } },
      },
    });
    const preview = await previewImport(owner, input(document, { name: "Scope names under the rule" }));
    expect(preview.added.map((a) => a.name).sort()).toEqual([...good].sort());
    expect(preview.operations).toBe(2);
    expect(preview.rejected).toHaveLength(bad.length);
    const byName = new Map(preview.rejected.map((r) => [r.scope, r]));
    expect(byName.get("")?.problem).toBe("An empty name");
    expect(byName.get("read write")).toMatchObject({ problem: expect.stringMatching(/space/), operations: 1 });
    expect(byName.get(`${"x".repeat(80)}…`)?.problem).toMatch(/Longer than 200 characters \(5,000\)/);
    // Shown (and kept in the audit log) with its invisible characters written out.
    expect(byName.get("nul\\u0000byte")?.problem).toMatch(/invisible/);

    const imported = await runCommand(importApi, owner, input(document, { name: "Scope names under the rule" }));
    const stored = await db.scope.findMany({ where: { apiId: imported.id }, select: { name: true } });
    expect(stored.map((s) => s.name).sort()).toEqual([...good].sort());
    // The operation that needed a rejected scope is not kept with fewer scopes than it needs.
    expect(await db.apiOperation.count({ where: { apiId: imported.id } })).toBe(2);
  });
});
