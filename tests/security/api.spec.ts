// Every /api/v1 operation the published document declares, with no token, with a token lacking
// its scope, and with tokens acting for an administrator and for an owner: the answer the token's
// scopes and the permission table call for. Only administrators and owners may hold tokens
// (token.manage), so the other roles have none to try.
import { expect, test } from "@playwright/test";
import { request } from "@playwright/test";
import type { Action } from "@/lib/server/permissions";
import { loadRecords, type RecordKind } from "./records";
import { allowed, baseURL, digest, people, tokens } from "./server";

// What each operation needs besides its token scope ("scope": nothing more). An operation
// missing here fails the suite.
const OPERATIONS: Record<string, Action | "scope"> = {
  "GET /apis": "catalog.read",
  "POST /apis": "api.create",
  "GET /apis/{id}": "catalog.read",
  "PATCH /apis/{id}": "api.update",
  "DELETE /apis/{id}": "api.delete",
  "GET /consumers": "catalog.read",
  "POST /consumers": "consumer.create",
  "GET /consumers/{id}": "catalog.read",
  "PATCH /consumers/{id}": "consumer.update",
  "DELETE /consumers/{id}": "consumer.decommission",
  "GET /credentials": "catalog.read",
  "POST /credentials": "credential.create",
  "GET /credentials/{id}": "catalog.read",
  "PATCH /credentials/{id}": "credential.update",
  "DELETE /credentials/{id}": "credential.update",
  "GET /grants": "catalog.read",
  "POST /grants": "grant.create",
  "GET /grants/{id}": "catalog.read",
  "PATCH /grants/{id}": "grant.update",
  "DELETE /grants/{id}": "grant.revoke",
  "POST /apis/import": "api.create",
  "GET /apis/imports/{id}": "api.create",
  "GET /findings": "catalog.read",
  "GET /campaigns": "campaign.read",
  "POST /events": "usage.record",
  "POST /decisions": "scope",
  "POST /otlp/v1/traces": "usage.record",
};
const KIND: Record<string, RecordKind> = { apis: "api", consumers: "consumer", credentials: "credential", grants: "grant" };

type Operation = { method: string; path: string; scope: string };

async function operations(): Promise<Operation[]> {
  const context = await request.newContext({ baseURL });
  const document = (await (await context.get("/api/v1/openapi.json")).json()) as { paths: Record<string, Record<string, { "x-required-scope"?: string }>> };
  await context.dispose();
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, op]) => (op["x-required-scope"] ? [{ method: method.toUpperCase(), path, scope: op["x-required-scope"] }] : [])),
  );
}

test("the matrix covers every operation of the published document", async () => {
  expect((await operations()).map((o) => `${o.method} ${o.path}`).sort()).toEqual(Object.keys(OPERATIONS).sort());
});

test("every operation answers each token as its scopes and the permission table say", async () => {
  test.setTimeout(180_000);
  const ops = await operations();
  const everyone = people();
  const admin = everyone.find((p) => p.role === "admin")!;
  const owner = everyone.find((p) => p.role === "owner")!;
  const { lacking, ...full } = tokens();
  const records = loadRecords();
  const context = await request.newContext({ baseURL });
  const before = digest();
  const mismatches: string[] = [];
  const check = async (op: Operation, path: string, token: string | null, expected: (status: number) => boolean, why: string) => {
    const response = await context.fetch(`/api/v1${path}`, {
      method: op.method,
      headers: { ...(token && { Authorization: `Bearer ${token}` }), "Content-Type": "application/json" },
      ...(op.method === "GET" ? {} : { data: "{}" }),
    });
    const status = response.status();
    if (!expected(status) || status >= 500) mismatches.push(`${op.method} ${path}: ${status} (${why})`);
    if (status >= 400) expect(response.headers()["content-type"], `${op.method} ${path}`).toContain("application/problem+json");
  };
  for (const op of ops) {
    const need = OPERATIONS[`${op.method} ${op.path}`]!;
    const unknown = op.path.replace("{id}", "no-such-record");
    await check(op, unknown, null, (s) => s === 401, "no token");
    await check(op, unknown, lacking[op.scope]!, (s) => s === 403, `token without ${op.scope}`);
    for (const person of [admin, owner]) {
      const token = person.role === "admin" ? full.admin : full.owner;
      const may = need === "scope" || allowed(person, need);
      // Reads and refused writes change nothing; a write the caller may make gets an empty body
      // or an id that names nothing, so it is refused as invalid or not found, never as forbidden.
      await check(op, unknown, token, (s) => (may ? s !== 403 && s !== 401 : s === 403), `${person.role}: ${need}${may ? " allowed" : " refused"}`);
      const kind = KIND[op.path.split("/")[1]!];
      if (!op.path.includes("{id}") || !kind || need === "catalog.read" || need === "scope") continue;
      // Someone else's record, for a caller whose reach is their own.
      for (const subject of records[kind].filter((r) => !r.owners.has(person.id))) {
        const reach = allowed(person, need, (id) => subject.owners.has(id));
        if (reach) continue;
        await check(op, op.path.replace("{id}", subject.id), token, (s) => s === 403 || s === 404, `${person.role}: ${need} on another's ${kind}`);
      }
    }
  }
  await context.dispose();
  expect(mismatches).toEqual([]);
  // Every refusal and every empty write left the data as it was.
  expect(digest()).toEqual(before);
});

// The AuthZEN endpoints live outside /api/v1 (the specification fixes their paths) and answer as
// the decisions endpoint does: a token with decisions:read, problem documents otherwise.
test("the AuthZEN endpoints ask for a token with decisions:read, and publish their metadata to anyone", async () => {
  const { lacking, admin } = tokens();
  const context = await request.newContext({ baseURL });
  const question = { subject: { type: "client_id", id: "nobody" }, action: { name: "GET" }, resource: { type: "route", id: "/x" } };
  for (const path of ["/access/v1/evaluation", "/access/v1/evaluations"]) {
    const ask = (token: string | null) => context.post(path, { headers: { ...(token && { Authorization: `Bearer ${token}` }) }, data: question });
    const none = await ask(null);
    expect(none.status(), path).toBe(401);
    expect(none.headers()["content-type"]).toContain("application/problem+json");
    expect((await ask(lacking["decisions:read"]!)).status(), path).toBe(403);
    const answered = await ask(admin);
    expect(answered.status(), path).toBe(200);
    expect(await answered.json()).toMatchObject({ decision: false });
    const get = await context.get(path, { headers: { Authorization: `Bearer ${admin}` } });
    expect(get.status()).toBe(405);
    expect(get.headers().allow).toBe("POST");
  }
  const metadata = await context.get("/.well-known/authzen-configuration");
  expect(metadata.status()).toBe(200);
  const config = await metadata.json();
  expect(config.access_evaluation_endpoint).toBe(`${config.policy_decision_point}/access/v1/evaluation`);
  await context.dispose();
});
