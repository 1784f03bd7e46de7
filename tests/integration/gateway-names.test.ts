// Gateways and identity providers speak in their own terms: a consumer named by an identity, an
// API by its address, a call by its operation (matched against the imported document's
// security requirements), an agent by the person it acts for — over /api/v1/decisions, AuthZEN
// on the decision point's listener, and OTLP trace exports as usage.
import type { AddressInfo } from "node:net";
import { get as httpGet, type Server } from "node:http";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as otlpRoute } from "@/app/api/v1/otlp/v1/traces/route";
import { createToken } from "@/lib/api/commands/create-token";
import { startDecisionServer } from "@/lib/api/decision-server";
import { decide } from "@/lib/api/decisions";
import { recordUsage } from "@/lib/api/commands/record-usage";
import { catalog } from "@/lib/api/resources";
import { applyCsvImport } from "@/lib/catalogue/csv-import";
import { createConsumer } from "@/lib/catalogue/commands/create-consumer";
import { createGrant } from "@/lib/catalogue/commands/create-grant";
import { importApi } from "@/lib/catalogue/commands/import-api";
import { revokeGrant } from "@/lib/catalogue/commands/revoke-grant";
import { updateConsumer } from "@/lib/catalogue/commands/update-consumer";
import { updateGrant } from "@/lib/catalogue/commands/update-grant";
import { systemCtx, type Ctx } from "@/lib/server/authz";
import { patchCommand, runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, expectAppError } from "./helpers";

const ISSUER = "https://login.example.test";
const DOCUMENT = {
  openapi: "3.1.0",
  info: { title: "Todo API", version: "1" },
  servers: [
    { url: "https://todo.example.test/v1" },
    { url: "https://{region}.todo.example.test/v1", variables: { region: { default: "eu" } } },
    { url: "/relative" },
  ],
  components: {
    securitySchemes: {
      oauth: {
        type: "oauth2",
        flows: { clientCredentials: { tokenUrl: "https://login.example.test/token", scopes: { "todos:read": "", "todos:write": "", "todos:admin": "" } } },
      },
      key: { type: "apiKey", in: "header", name: "X-Key" },
    },
  },
  security: [{ oauth: ["todos:read"] }],
  paths: {
    // Either scope suffices: two alternative requirement sets.
    "/todos/{todoId}": {
      get: { security: [{ oauth: ["todos:read"] }, { oauth: ["todos:admin"] }] },
      delete: { security: [{ oauth: ["todos:write", "todos:admin"] }] },
    },
    // Overlaps /todos/{todoId}: the literal segment wins.
    "/todos/mine": { get: { security: [{ oauth: ["todos:write"] }] } },
    "/files/{name}.json": { get: {} },
    "/health": { get: { security: [] } },
    "/keyed": { get: { security: [{ key: [] }, { oauth: ["todos:admin"] }] } },
  },
};

let admin: Ctx;
let server: Server;
let pdp: string;
let reader: string;
let feeder: string;
const ids = { api: "", agent: "", person: "", stranger: "", grant: "", personGrant: "", read: "", write: "", admin: "" };

beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
  const teamId = (await db.team.findFirstOrThrow()).id;
  const imported = await runCommand(importApi, admin, {
    document: DOCUMENT,
    teamId,
    environment: "PRODUCTION",
    exposure: "PARTNER",
    classification: "INTERNAL",
  });
  ids.api = imported.id;
  const scopes = await db.scope.findMany({ where: { apiId: ids.api } });
  const scope = (name: string) => scopes.find((s) => s.name === name)!.id;
  [ids.read, ids.write, ids.admin] = [scope("todos:read"), scope("todos:write"), scope("todos:admin")];
  const role = await db.jobRole.findFirstOrThrow();
  const agent = await runCommand(createConsumer, admin, {
    kind: "AGENT",
    name: "todo-agent",
    teamId,
    environment: "PRODUCTION",
    agentProvider: "Example",
    autonomy: "SUPERVISED",
    comparableRoleId: role.id,
    identities: [
      { kind: "CLIENT_ID", issuer: ISSUER, value: "todo-agent-client" },
      { kind: "SPIFFE", value: "spiffe://example.test/ns/agents/todo" },
    ],
  });
  const person = await runCommand(createConsumer, admin, {
    kind: "HUMAN",
    name: "Tess Todo",
    teamId,
    environment: "PRODUCTION",
    identities: [{ kind: "SUBJECT", issuer: ISSUER, value: "tess@example.test" }],
  });
  const stranger = await runCommand(createConsumer, admin, { kind: "SERVICE", name: "todo-stranger", teamId, environment: "PRODUCTION" });
  [ids.agent, ids.person, ids.stranger] = [agent.id, person.id, stranger.id];
  ids.grant = (
    await runCommand(createGrant, admin, { consumerId: agent.id, apiId: ids.api, scopeIds: [ids.read, ids.write], justification: "Agent works the todo list" })
  ).id;
  ids.personGrant = (
    await runCommand(createGrant, admin, { consumerId: person.id, apiId: ids.api, scopeIds: [ids.read], justification: "Tess reads her todos" })
  ).id;
  server = await startDecisionServer(0, "127.0.0.1");
  pdp = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  reader = (await runCommand(createToken, admin, { name: "authzen gateway", scopes: ["decisions:read"], days: 1 })).secret;
  feeder = (await runCommand(createToken, admin, { name: "collector", scopes: ["telemetry:write"], days: 1 })).secret;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("names from outside", () => {
  it("an import keeps the document's absolute servers as base URLs, and each operation's alternatives", async () => {
    const api = await catalog.apis.read(ids.api);
    expect(api.baseUrls.sort()).toEqual(["https://eu.todo.example.test/v1", "https://todo.example.test/v1"]);
    const get = await db.apiOperation.findFirstOrThrow({ where: { apiId: ids.api, method: "GET", path: "/todos/{todoId}" }, include: { scopes: true } });
    expect(new Set(get.scopes.map((s) => s.requirement))).toEqual(new Set([0, 1]));
    const health = await db.apiOperation.findFirstOrThrow({ where: { apiId: ids.api, path: "/health" } });
    expect(health.scopeFree).toBe(true);
  });

  it("an API's own base URL names it too, and a replaced one stops naming it", async () => {
    await catalog.apis.update(admin, ids.api, { baseUrl: "https://todo-old.example.test/" });
    expect((await catalog.apis.read(ids.api)).baseUrls).toContain("https://todo-old.example.test");
    const after = await catalog.apis.update(admin, ids.api, { baseUrl: "https://todo-new.example.test/api", audiences: ["urn:example:todo"] });
    expect(after.baseUrls).toContain("https://todo-new.example.test/api");
    expect(after.baseUrls).not.toContain("https://todo-old.example.test");
    expect(after.baseUrls).toContain("https://todo.example.test/v1");
    expect(after.audiences).toEqual(["urn:example:todo"]);
    expect(await decide({ consumer: ids.agent, api: "urn:example:todo", scopes: ["todos:read"] })).toMatchObject({ decision: "allow" });
    // An address naming another API is refused by name, changing nothing.
    const other = await db.api.findFirstOrThrow({ where: { id: { not: ids.api }, addresses: { some: { kind: "BASE_URL" } } }, include: { addresses: true } });
    await expectAppError(catalog.apis.update(admin, ids.api, { baseUrls: [other.addresses[0]!.value] }), "CONFLICT");
    expect((await catalog.apis.read(ids.api)).baseUrls).toEqual(after.baseUrls);
  });

  it("two consumers claiming one identity at once: one holds it, the other is refused and not created", async () => {
    const teamId = (await db.consumer.findUniqueOrThrow({ where: { id: ids.stranger } })).teamId;
    const claim = (name: string) =>
      runCommand(createConsumer, admin, {
        kind: "SERVICE",
        name,
        teamId,
        environment: "PRODUCTION",
        identities: [{ kind: "CLIENT_ID", issuer: ISSUER, value: "raced-client" }],
      });
    const results = await Promise.allSettled([claim("raced-one"), claim("raced-two")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toMatchObject({ code: "CONFLICT" });
    expect(await db.consumer.count({ where: { name: { in: ["raced-one", "raced-two"] } } })).toBe(1);
    expect(await db.consumerIdentity.count({ where: { value: "raced-client" } })).toBe(1);
  });

  it("a consumer's identities are unique: one naming another consumer is refused by name, changing nothing", async () => {
    const before = await db.consumerIdentity.count();
    await expectAppError(
      patchCommand(updateConsumer, admin, ids.stranger, { identities: [{ kind: "CLIENT_ID", issuer: ISSUER, value: "todo-agent-client" }] }),
      "CONFLICT",
    );
    await expectAppError(patchCommand(updateConsumer, admin, ids.stranger, { identities: [{ kind: "SPIFFE", value: "not-a-spiffe-id" }] }), "VALIDATION");
    expect(await db.consumerIdentity.count()).toBe(before);
    expect((await catalog.consumers.read(ids.agent)).identities).toContainEqual({ kind: "CLIENT_ID", issuer: ISSUER, value: "todo-agent-client" });
  });

  it("decides by client id and base URL as well as by ids; unknown names are reported, never guessed", async () => {
    const byIds = await decide({ consumer: ids.agent, api: ids.api, scopes: ["todos:read"] });
    const byNames = await decide({ consumer: "todo-agent-client", api: "https://todo.example.test/v1", scopes: ["todos:read"] });
    expect(byNames).toEqual(byIds);
    expect(byNames.decision).toBe("allow");
    expect(await decide({ consumer: "spiffe://example.test/ns/agents/todo", consumerKind: "SPIFFE", api: "https://eu.todo.example.test/v1/" })).toMatchObject({
      decision: "allow",
    });
    const unknown = await decide({ consumer: "nobody-client", api: "https://nowhere.example.test", scopes: [] });
    expect(unknown.decision).toBe("deny");
    expect(unknown.reasons.join(" ")).toMatch(/Unknown consumer.*nobody-client/);
    expect(unknown.reasons.join(" ")).toMatch(/Unknown API.*nowhere\.example\.test/);
    // The right value of the wrong kind names nobody.
    expect((await decide({ consumer: "todo-agent-client", consumerKind: "SUBJECT", api: ids.api })).reasons[0]).toMatch(/Unknown consumer/);
  });
});

describe("names in usage events and spreadsheets", () => {
  it("usage events name the consumer by an identity and the API by a base URL, and report the unknown", async () => {
    const result = await runCommand(recordUsage, systemCtx("gateway test"), {
      events: [
        {
          id: "named-1",
          occurredAt: "2026-11-29T08:00:00Z",
          consumer: "todo-agent-client",
          api: "https://todo.example.test/v1",
          kind: "api_call",
          scopes: ["todos:read"],
        },
        { id: "named-2", occurredAt: "2026-11-29T08:00:00Z", consumer: "nobody-client", api: "https://todo.example.test/v1", kind: "api_call" },
      ],
    });
    expect(result).toMatchObject({ stored: 1, rejected: 1, unknown: { consumers: ["nobody-client"], apis: [] } });
    expect(await db.usageEvent.findUniqueOrThrow({ where: { id: "named-1" } })).toMatchObject({ consumerId: ids.agent, apiId: ids.api });
  });

  it("a value two consumers hold under different kinds is ambiguous until its kind is given", async () => {
    await patchCommand(updateConsumer, admin, ids.stranger, { identities: [{ kind: "API_KEY_PREFIX", value: "shared-value" }] });
    await patchCommand(updateConsumer, admin, ids.person, {
      identities: [
        { kind: "SUBJECT", issuer: ISSUER, value: "tess@example.test" },
        { kind: "CLIENT_ID", value: "shared-value" },
      ],
    });
    const ambiguous = await decide({ consumer: "shared-value", api: ids.api });
    expect(ambiguous.reasons).toEqual(["shared-value names more than one consumer: give the identity's kind and issuer"]);
    const narrowed = await decide({ consumer: "shared-value", consumerKind: "API_KEY_PREFIX", api: ids.api });
    expect(narrowed.reasons).toEqual(["No live grant for this consumer on this API"]);
    // A usage batch names consumers without kinds: the ambiguous one is reported, the others stored.
    const batch = await runCommand(recordUsage, systemCtx("gateway test"), {
      events: [
        { id: "ambiguous-1", occurredAt: "2026-11-29T08:00:00Z", consumer: "shared-value", api: ids.api, kind: "api_call" },
        { id: "ambiguous-2", occurredAt: "2026-11-29T08:00:00Z", consumer: "tess@example.test", api: ids.api, kind: "api_call" },
        { id: "ambiguous-3", occurredAt: "2026-11-29T08:00:00Z", consumer: ids.agent, api: ids.api, kind: "api_call" },
      ],
    });
    expect(batch).toMatchObject({ stored: 2, rejected: 1, unknown: { consumers: ["shared-value"], apis: [] } });
    await patchCommand(updateConsumer, admin, ids.stranger, { identities: [] });
  });

  it("a grants file names the consumer by an identity and the API by its base URL", async () => {
    await patchCommand(updateConsumer, admin, ids.stranger, { identities: [{ kind: "CLIENT_ID", issuer: ISSUER, value: "stranger-client" }] });
    const csv = ["consumer,api,scopes,justification", "stranger-client,https://todo.example.test/v1/,todos:read,Imported by gateway names"].join("\n");
    await applyCsvImport(admin, { kind: "grants", csv });
    const grant = await db.grant.findFirstOrThrow({ where: { consumerId: ids.stranger, apiId: ids.api, status: "ACTIVE" }, include: { scopes: true } });
    expect(grant.scopes.map((s) => s.scopeId)).toEqual([ids.read]);
    // Revoked again: the tests below start the stranger without a grant.
    await runCommand(revokeGrant, admin, { id: grant.id, reason: "Gateway names test done" });
    const unknown = await expectAppError(applyCsvImport(admin, { kind: "grants", csv: csv.replace("stranger-client", "nobody-client") }), "VALIDATION");
    expect(
      Object.values(unknown.fieldErrors ?? {})
        .flat()
        .join(" "),
    ).toContain('no consumer is named or identified as "nobody-client"');
  });
});

describe("operations decide", () => {
  const call = (method: string, path: string, extra: Record<string, unknown> = {}) =>
    decide({ consumer: "todo-agent-client", api: "https://todo.example.test/v1", operation: { method, path }, ...extra });

  it("a concrete path matches its template, and any one alternative requirement set suffices", async () => {
    expect(await call("GET", "/todos/42")).toMatchObject({ decision: "allow", operation: { method: "GET", path: "/todos/{todoId}" } });
    expect(await call("get", "/todos/{todoId}")).toMatchObject({ decision: "allow" });
    // The literal template wins over the parameter, with its own requirement.
    expect(await call("GET", "/todos/mine")).toMatchObject({ decision: "allow", operation: { path: "/todos/mine" } });
    expect(await call("GET", "/v1/todos/7?expand=all")).toMatchObject({ decision: "allow", operation: { path: "/todos/{todoId}" } });
    expect(await call("GET", "/files/report.json")).toMatchObject({ decision: "allow", operation: { path: "/files/{name}.json" } });
  });

  it("denies an operation whose every alternative lacks a scope, naming them, and one the API does not declare", async () => {
    const del = await call("DELETE", "/todos/42");
    expect(del).toMatchObject({ decision: "deny", reasons: ["Scopes not granted: todos:admin"] });
    const keyed = await call("GET", "/keyed");
    expect(keyed.decision).toBe("allow");
    expect(await call("POST", "/todos/42")).toMatchObject({ decision: "deny", reasons: ["The API declares no operation POST /todos/42"] });
    expect(await call("GET", "/nothing/here")).toMatchObject({ decision: "deny", reasons: ["The API declares no operation GET /nothing/here"] });
    // No security at all: the live grant suffices, and without one it is denied all the same.
    expect(await call("GET", "/health")).toMatchObject({ decision: "allow" });
    expect(await decide({ consumer: ids.stranger, api: ids.api, operation: { method: "GET", path: "/health" } })).toMatchObject({
      decision: "deny",
      reasons: ["No live grant for this consumer on this API"],
    });
  });

  it("an agent acting for a person is allowed only what the person holds too, and the reason says which side lacked it", async () => {
    const forTess = { onBehalfOf: { id: "tess@example.test", kind: "SUBJECT", issuer: ISSUER } };
    expect(await call("GET", "/todos/42", forTess)).toMatchObject({ decision: "allow" });
    const mine = await call("GET", "/todos/mine", forTess);
    expect(mine.decision).toBe("deny");
    expect(mine.reasons).toEqual(["The person it acts for, Tess Todo, lacks what the agent uses — scopes not granted: todos:write"]);
    // The agent's own lack is named as its own.
    const del = await call("DELETE", "/todos/1", forTess);
    expect(del.reasons).toEqual(["Scopes not granted: todos:admin"]);
    expect((await call("GET", "/todos/42", { onBehalfOf: "todo-agent-client" })).reasons).toEqual(["It acts for todo-agent, who is not a person"]);
    expect((await call("GET", "/todos/42", { onBehalfOf: "nobody@example.test" })).reasons[0]).toMatch(/Unknown person it acts for/);
  });
});

const post = (path: string, body: unknown, token: string | null = reader, headers: Record<string, string> = {}) =>
  fetch(`${pdp}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token && { Authorization: `Bearer ${token}` }), ...headers },
    body: JSON.stringify(body),
  });

describe("AuthZEN on the decision point", () => {
  const subject = { type: "client_id", id: "todo-agent-client", properties: { issuer: ISSUER } };

  it("publishes its metadata, naming its own endpoints", async () => {
    const response = await fetch(`${pdp}/.well-known/authzen-configuration`);
    expect(response.status).toBe(200);
    const config = await response.json();
    expect(config).toEqual({
      policy_decision_point: pdp,
      access_evaluation_endpoint: `${pdp}/access/v1/evaluation`,
      access_evaluations_endpoint: `${pdp}/access/v1/evaluations`,
    });
  });

  it("names its configured public origin in its metadata, whatever Host a caller sends", async () => {
    const listener = await startDecisionServer(0, "127.0.0.1", { origin: "https://decisions.example.test" });
    try {
      const port = (listener.address() as AddressInfo).port;
      // fetch() will not send a Host of the caller's choosing; node:http will.
      const config = await new Promise<unknown>((resolve, reject) =>
        httpGet({ host: "127.0.0.1", port, path: "/.well-known/authzen-configuration", headers: { Host: "attacker.example" } }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
          res.on("end", () => resolve(JSON.parse(text)));
        }).on("error", reject),
      );
      expect(config).toEqual({
        policy_decision_point: "https://decisions.example.test",
        access_evaluation_endpoint: "https://decisions.example.test/access/v1/evaluation",
        access_evaluations_endpoint: "https://decisions.example.test/access/v1/evaluations",
      });
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it("evaluates a route with the API found among the subject's grants, and denies at the next call after a revocation", async () => {
    const question = { subject, action: { name: "GET" }, resource: { type: "route", id: "/todos/42" } };
    const allowed = await post("/access/v1/evaluation", question, reader, { "X-Request-ID": "req-1" });
    expect(allowed.headers.get("x-request-id")).toBe("req-1");
    expect(await allowed.json()).toMatchObject({ decision: true, context: { grant_id: ids.grant, operation: "GET /todos/{todoId}" } });
    const byScope = await post("/access/v1/evaluation", {
      subject,
      action: { name: "todos:read" },
      resource: { type: "api", id: "https://todo.example.test/v1" },
    });
    expect(await byScope.json()).toMatchObject({ decision: true });
    const undeclared = await (await post("/access/v1/evaluation", { ...question, resource: { type: "route", id: "/elsewhere" } })).json();
    expect(undeclared).toMatchObject({ decision: false, context: { reasons: ["None of the subject's granted APIs declares GET /elsewhere"] } });
    const named = await (
      await post("/access/v1/evaluation", {
        ...question,
        resource: { type: "route", id: "/todos/42", properties: { base_url: "https://todo.example.test/v1" } },
      })
    ).json();
    expect(named.decision).toBe(true);
    const grant = await runCommand(createGrant, admin, {
      consumerId: ids.stranger,
      apiId: ids.api,
      scopeIds: [ids.admin],
      justification: "Short-lived grant to revoke",
    });
    const strangerAsks = { subject: { type: "identity", id: ids.stranger }, action: { name: "DELETE" }, resource: { type: "route", id: "/todos/9" } };
    expect((await (await post("/access/v1/evaluation", strangerAsks)).json()).decision).toBe(false);
    await runCommand(updateGrant, admin, { id: grant.id, scopeIds: [ids.admin, ids.write], justification: "Now it may delete" });
    expect((await (await post("/access/v1/evaluation", strangerAsks)).json()).decision).toBe(true);
    await runCommand(revokeGrant, admin, { id: grant.id, reason: "AuthZEN revocation test" });
    const after = await (await post("/access/v1/evaluation", strangerAsks)).json();
    expect(after).toMatchObject({ decision: false, context: { reasons: ["None of the subject's granted APIs declares DELETE /todos/9"] } });
  });

  it("carries on_behalf_of, and evaluates batches under each semantic", async () => {
    const mine = {
      subject,
      action: { name: "GET" },
      resource: { type: "route", id: "/todos/mine" },
      context: { on_behalf_of: { type: "subject", id: "tess@example.test", properties: { issuer: ISSUER } } },
    };
    const denied = await (await post("/access/v1/evaluation", mine)).json();
    expect(denied.decision).toBe(false);
    expect(denied.context.reason_admin.en).toContain("Tess Todo, lacks what the agent uses");
    const batch = {
      subject,
      resource: { type: "route", id: "/todos/1" },
      evaluations: [{ action: { name: "GET" } }, { action: { name: "DELETE" } }, { action: { name: "GET" }, resource: { type: "route", id: "/todos/mine" } }],
    };
    const all = await (await post("/access/v1/evaluations", batch)).json();
    expect(all.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual([true, false, true]);
    const firstDeny = await (await post("/access/v1/evaluations", { ...batch, options: { evaluations_semantic: "deny_on_first_deny" } })).json();
    expect(firstDeny.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual([true, false]);
    const firstPermit = await (await post("/access/v1/evaluations", { ...batch, options: { evaluations_semantic: "permit_on_first_permit" } })).json();
    expect(firstPermit.evaluations.map((e: { decision: boolean }) => e.decision)).toEqual([true]);
    // Without evaluations it is one evaluation.
    expect(
      await (await post("/access/v1/evaluations", { subject, action: { name: "GET" }, resource: { type: "route", id: "/todos/1" } })).json(),
    ).toMatchObject({
      decision: true,
    });
  });

  it("refuses a caller without a token, a malformed request and an unknown resource type with words", async () => {
    const question = { subject, action: { name: "GET" }, resource: { type: "route", id: "/todos/42" } };
    expect((await post("/access/v1/evaluation", question, null)).status).toBe(401);
    const malformed = await post("/access/v1/evaluation", { subject, action: {} });
    expect(malformed.status).toBe(422);
    expect(malformed.headers.get("content-type")).toContain("application/problem+json");
    const document = await (await post("/access/v1/evaluation", { ...question, resource: { type: "document", id: "x" } })).json();
    expect(document).toMatchObject({ decision: false, context: { reasons: ["Scopeward decides resources of type route or api, not document"] } });
    expect((await fetch(`${pdp}/access/v1/evaluation`, { headers: { Authorization: `Bearer ${reader}` } })).status).toBe(405);
  });
});

describe("usage from OpenTelemetry", () => {
  const exportOf = (name: string) => readFileSync(join(__dirname, "../fixtures/otlp", name), "utf8");
  const send = (body: string, token = feeder, headers: Record<string, string> = {}) =>
    otlpRoute(
      new Request("http://localhost/api/v1/otlp/v1/traces", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}`, ...headers },
        body,
      }),
    );

  it("turns server spans into usage, idempotent by trace and span id, reporting unknown subjects and hosts", async () => {
    // Only the event sent by name above (a day earlier) has been recorded.
    const before = await db.grant.findUniqueOrThrow({ where: { id: ids.grant } });
    expect(before.lastUsedAt?.toISOString()).toBe("2026-11-29T08:00:00.000Z");
    const first = await send(exportOf("collector-export.json"));
    expect(first.status).toBe(200);
    const answer = await first.json();
    expect(answer.partialSuccess.rejectedSpans).toBe("2");
    expect(answer.partialSuccess.errorMessage).toContain("unknown consumers: ghost-client");
    expect(answer.partialSuccess.errorMessage).toContain("unknown hosts: unknown.example.test");
    const stored = await db.usageEvent.findMany({ where: { consumerId: ids.agent, id: { startsWith: "otlp:" } }, orderBy: { occurredAt: "asc" } });
    expect(stored.map((e) => [e.id, e.scopes])).toEqual([
      ["otlp:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b174", "todos:read"],
      ["otlp:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b175", "todos:write"],
    ]);
    const after = await db.grant.findUniqueOrThrow({ where: { id: ids.grant }, include: { scopes: true } });
    expect(after.lastUsedAt?.toISOString()).toBe("2026-11-30T10:00:01.000Z");
    expect(after.scopes.find((s) => s.scopeId === ids.write)?.lastUsedAt?.toISOString()).toBe("2026-11-30T10:00:01.000Z");
    // The same export again (gzip, as the collector sends it by default) stores nothing new.
    const gz = await otlpRoute(
      new Request("http://localhost/api/v1/otlp/v1/traces", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${feeder}`, "Content-Encoding": "gzip" },
        body: gzipSync(exportOf("collector-export.json")),
      }),
    );
    expect(gz.status).toBe(200);
    expect(await db.usageEvent.count({ where: { consumerId: ids.agent, id: { startsWith: "otlp:" } } })).toBe(2);
  });

  it("refuses protobuf, a token without telemetry:write, and a body that is not an export", async () => {
    expect((await send("{}", feeder, { "Content-Type": "application/x-protobuf" })).status).toBe(415);
    expect((await send("not gzip", feeder, { "Content-Encoding": "gzip" })).status).toBe(422);
    expect((await send("{}", reader)).status).toBe(403);
    const badTime = await send(
      JSON.stringify({
        resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b180", startTimeUnixNano: "soon" }] }] }],
      }),
    );
    expect(badTime.status).toBe(422);
    expect((await send(JSON.stringify({ resourceSpans: [], unknown: 42 }))).status).toBe(422);
    const wrong = await send(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "nothex", spanId: "1" }] }] }] }));
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get("content-type")).toContain("application/problem+json");
  });
});
