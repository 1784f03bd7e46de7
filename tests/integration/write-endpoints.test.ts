// Every write endpoint of the automation API refuses a caller's mistakes with a problem
// document that names the field, and writes nothing: an unknown field (422), an id that refers
// to nothing (422), a body that is not an object (422), a name taken by a request racing it
// (409). PATCH changes only fields the resource has: {"status":"REVOKED"} revokes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "@/lib/api/commands/create-token";
import { catalog } from "@/lib/api/resources";
import { collectionRoutes, itemRoutes } from "@/lib/api/routes";
import { POST as importRoute } from "@/app/api/v1/apis/import/route";
import { addScope } from "@/lib/catalogue/commands/add-scope";
import { createApi } from "@/lib/catalogue/commands/create-api";
import { createConsumer } from "@/lib/catalogue/commands/create-consumer";
import { createCredential } from "@/lib/catalogue/commands/create-credential";
import { createGrant } from "@/lib/catalogue/commands/create-grant";
import type { Ctx } from "@/lib/server/authz";
import { refusal, runCommand } from "@/lib/server/command";
import { submitForm } from "@/lib/server/action";
import { AppError } from "@/lib/server/errors";
import { updateUser } from "@/lib/settings/commands/update-user";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor, liveStateDigest } from "./helpers";

let admin: Ctx;
let token: string;
let teamId: string;
let ids: { api: string; consumer: string; spare: string; credential: string; grant: string; scope: string; other: string };

beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
  token = (await runCommand(createToken, admin, { name: "endpoints", scopes: ["catalog:read", "catalog:write"], days: 1 })).secret;
  teamId = (await db.team.findFirstOrThrow()).id;
  const api = await runCommand(createApi, admin, { name: "Endpoint API", teamId, environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" });
  await runCommand(createApi, admin, { name: "Taken API", teamId, environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" });
  const scope = await runCommand(addScope, admin, { apiId: api.id, name: "endpoint:read", level: "READ" });
  const consumer = await runCommand(createConsumer, admin, { kind: "SERVICE", name: "endpoint-svc", teamId, environment: "STAGING" });
  const spare = await runCommand(createConsumer, admin, { kind: "SERVICE", name: "endpoint-spare", teamId, environment: "STAGING" });
  await runCommand(createConsumer, admin, { kind: "SERVICE", name: "taken-svc", teamId, environment: "STAGING" });
  const credential = await runCommand(createCredential, admin, { consumerId: consumer.id, label: "endpoint secret", type: "API_KEY" });
  const grant = await runCommand(createGrant, admin, { consumerId: consumer.id, apiId: api.id, scopeIds: [scope.id], justification: "Endpoint test grant" });
  const other = await db.scope.findFirstOrThrow({ where: { apiId: { not: api.id } } });
  ids = { api: api.id, consumer: consumer.id, spare: spare.id, credential: credential.id, grant: grant.id, scope: scope.id, other: other.id };
});

type Endpoint = { name: string; call: (body: unknown) => Promise<Response> };

function request(method: string, body: unknown) {
  return new Request("http://localhost/api/v1/x", {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
const post = (resource: keyof typeof catalog) => (body: unknown) => collectionRoutes(catalog[resource]).POST(request("POST", body));
const patch = (resource: keyof typeof catalog, id: () => string) => (body: unknown) =>
  itemRoutes(catalog[resource]).PATCH(request("PATCH", body), { params: Promise.resolve({ id: id() }) });
const remove = (resource: keyof typeof catalog, id: () => string) => (body: unknown) =>
  itemRoutes(catalog[resource]).DELETE(request("DELETE", body), { params: Promise.resolve({ id: id() }) });

const valid = {
  api: () => ({
    name: `Endpoint API ${Math.random().toString(36).slice(2, 8)}`,
    teamId,
    environment: "STAGING",
    exposure: "INTERNAL",
    classification: "INTERNAL",
  }),
  consumer: () => ({ kind: "SERVICE", name: `endpoint-${Math.random().toString(36).slice(2, 8)}`, teamId, environment: "STAGING" }),
  credential: () => ({ consumerId: ids.consumer, label: "another secret", type: "API_KEY" }),
  grant: () => ({ consumerId: ids.spare, apiId: ids.api, scopeIds: [ids.scope], justification: "A valid request body" }),
  import: () => ({
    document: { openapi: "3.1.0", info: { title: "Imported endpoint API", version: "1" }, paths: {} },
    teamId,
    environment: "STAGING",
    exposure: "INTERNAL",
    classification: "INTERNAL",
  }),
};

const ENDPOINTS: (Endpoint & { body: () => Record<string, unknown>; references?: () => Record<string, unknown> })[] = [
  { name: "POST /apis", call: post("apis"), body: valid.api, references: () => ({ teamId: "no-such-team", ownerId: "no-such-user" }) },
  { name: "PATCH /apis/{id}", call: patch("apis", () => ids.api), body: () => ({ description: "x" }), references: () => ({ teamId: "no-such-team" }) },
  { name: "DELETE /apis/{id}", call: remove("apis", () => ids.api), body: () => ({}) },
  { name: "POST /consumers", call: post("consumers"), body: valid.consumer, references: () => ({ teamId: "no-such-team", ownerId: "no-such-user" }) },
  {
    name: "PATCH /consumers/{id}",
    call: patch("consumers", () => ids.consumer),
    body: () => ({ description: "x" }),
    references: () => ({ teamId: "no-such-team", ownerId: "no-such-user" }),
  },
  { name: "DELETE /consumers/{id}", call: remove("consumers", () => ids.consumer), body: () => ({ reason: "A valid reason" }) },
  { name: "POST /credentials", call: post("credentials"), body: valid.credential, references: () => ({ consumerId: "no-such-consumer" }) },
  { name: "PATCH /credentials/{id}", call: patch("credentials", () => ids.credential), body: () => ({ label: "renamed" }) },
  { name: "DELETE /credentials/{id}", call: remove("credentials", () => ids.credential), body: () => ({}) },
  { name: "POST /grants", call: post("grants"), body: valid.grant, references: () => ({ consumerId: "no-such-consumer", apiId: "no-such-api" }) },
  {
    name: "PATCH /grants/{id}",
    call: patch("grants", () => ids.grant),
    body: () => ({ justification: "A changed justification" }),
    references: () => ({ scopeIds: [ids.other] }),
  },
  { name: "DELETE /grants/{id}", call: remove("grants", () => ids.grant), body: () => ({ reason: "A valid reason" }) },
  { name: "POST /apis/import", call: (body) => importRoute(request("POST", body)), body: valid.import, references: () => ({ teamId: "no-such-team" }) },
];

async function refusedWithNothingWritten(call: () => Promise<Response>, status: number) {
  const state = await liveStateDigest();
  const audit = await db.auditEvent.count();
  const response = await call();
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(await liveStateDigest()).toBe(state);
  expect(await db.auditEvent.count()).toBe(audit);
  return (await response.json()) as { detail?: string; errors?: { pointer: string; detail: string }[] };
}

describe.each(ENDPOINTS)("$name", ({ call, body, references }) => {
  it("refuses an unknown field by name: 422, nothing written", async () => {
    const problem = await refusedWithNothingWritten(() => call({ ...body(), status: "REVOKED", bogus: 1 }), 422);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: "/status", detail: "Unknown field: remove it" },
        { pointer: "/bogus", detail: "Unknown field: remove it" },
      ]),
    );
  });

  // Endpoints whose body names other records by id (a DELETE names only its path's record).
  if (references)
    it("refuses ids that refer to nothing, naming each field: 422, nothing written", async () => {
      const unknown = references();
      const problem = await refusedWithNothingWritten(() => call({ ...body(), ...unknown }), 422);
      expect(problem.errors?.map((e) => e.pointer).sort()).toEqual(
        Object.keys(unknown)
          .map((k) => `/${k}`)
          .sort(),
      );
    });

  it("refuses a body that is not a JSON object: 422, nothing written", async () => {
    for (const bad of [null, [], "x", 42]) await refusedWithNothingWritten(() => call(bad), 422);
    await refusedWithNothingWritten(() => call("{not json"), 422);
  });
});

describe("PATCH cannot reach what the resource does not offer", () => {
  it('{"status":"REVOKED"} on a grant revokes nothing and writes no audit event', async () => {
    const problem = await refusedWithNothingWritten(() => patch("grants", () => ids.grant)({ status: "REVOKED" }), 422);
    expect(problem.errors).toEqual([{ pointer: "/status", detail: "Unknown field: remove it" }]);
    expect((await db.grant.findUniqueOrThrow({ where: { id: ids.grant } })).status).toBe("ACTIVE");
  });

  it("the id in the body cannot differ from the path", async () => {
    const problem = await refusedWithNothingWritten(() => patch("apis", () => ids.api)({ id: "another", description: "x" }), 422);
    expect(problem.errors?.[0]!.pointer).toBe("/id");
  });
});

describe("two requests racing for one name", () => {
  it.each([
    ["POST /apis", () => post("apis")({ ...valid.api(), name: "Raced API" })],
    ["POST /consumers", () => post("consumers")({ ...valid.consumer(), name: "raced-svc" })],
    ["POST /grants", () => post("grants")(valid.grant())],
  ])("%s: one is created, the other gets 409", async (_name, send) => {
    const responses = await Promise.all([send(), send()]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const conflict = responses.find((r) => r.status === 409)!;
    expect(conflict.headers.get("content-type")).toContain("application/problem+json");
  });

  it.each([
    ["PATCH /apis/{id}", () => patch("apis", () => ids.api)({ name: "Taken API" })],
    ["PATCH /consumers/{id}", () => patch("consumers", () => ids.consumer)({ name: "taken-svc" })],
  ])("%s to a name another holds: 409 naming it, nothing written", async (_name, send) => {
    const problem = await refusedWithNothingWritten(send, 409);
    expect(problem.errors?.[0]!.pointer).toBe("/name");
  });
});

describe("the database's own refusals", () => {
  it("a unique value taken between the check and the write is a 409 naming the field", async () => {
    const team = await db.team.findFirstOrThrow();
    const error = await db.team.create({ data: { name: team.name } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal(error)).toMatchObject({ code: "CONFLICT", fieldErrors: { name: ["Already taken"] } });
  });

  it("a reference removed between the check and the write is a 422", async () => {
    const error = await db.api
      .create({ data: { name: "Orphan API", teamId: "no-such-team", environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refusal(error)).toMatchObject({ code: "VALIDATION" });
  });
});

describe("forms name an unknown reference too", () => {
  const formOf = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    return data;
  };
  it.each([
    [
      "new API",
      (form: FormData) => submitForm(admin, createApi, form),
      { name: "Form API", teamId: "no-such-team", ownerId: "no-such-user", environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" },
      ["ownerId", "teamId"],
    ],
    [
      "new consumer",
      (form: FormData) => submitForm(admin, createConsumer, form),
      {
        kind: "AGENT",
        name: "form-agent",
        teamId: "no-such-team",
        environment: "STAGING",
        agentProvider: "x",
        autonomy: "SUPERVISED",
        comparableRoleId: "no-such-role",
      },
      ["comparableRoleId", "teamId"],
    ],
  ] as const)("%s: 422 naming each field, nothing written", async (_name, submit, fields, named) => {
    const state = await liveStateDigest();
    const error = await submit(formOf(fields)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect(Object.keys((error as AppError).fieldErrors ?? {}).sort()).toEqual([...named]);
    expect(await liveStateDigest()).toBe(state);
  });

  it("user form: an unknown manager or team", async () => {
    const user = await db.user.findFirstOrThrow({ where: { email: DEMO.exec } });
    const error = await submitForm(
      admin,
      updateUser,
      formOf({ id: user.id, name: user.name, roles: "EXECUTIVE", teamId: "no-such-team", managerId: "no-such-user", active: "on" }),
      { arrays: ["roles"] },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect(Object.keys((error as AppError).fieldErrors ?? {}).sort()).toEqual(["managerId", "teamId"]);
  });
});
