// The automation API against the real server: every endpoint's happy path, 401, 403, 422
// with field errors, and cursor pagination; idempotent events; decisions from live state.
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";

/** A console API token made the way an operator makes one: npm run token:create, on the server's database, acting for the administrator. */
function token(scopes: string, name = "contract test") {
  const out = execFileSync(
    "npx",
    ["tsx", "scripts/token-create.ts", "--as", "admin@scopeward.test", "--name", name, "--scopes", scopes, "--days", "7", "--json"],
    {
      env: { ...process.env, DATABASE_URL: "file:./.tmp/e2e/scopeward.db" },
      encoding: "utf8",
    },
  );
  return (JSON.parse(out.trim().split("\n").pop()!) as { secret: string }).secret;
}

let full: string;
let readOnly: string;
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });

test.beforeAll(() => {
  full = token("catalog:read,catalog:write,telemetry:write,decisions:read,reviews:read", "contract full");
  readOnly = token("catalog:read", "contract read-only");
});

async function problem(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number) {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ status, type: expect.stringContaining("https://scopeward.dev/problems/"), title: expect.any(String) });
  return body as { detail?: string; errors?: { pointer: string; detail: string }[] };
}

test.describe("authentication and scopes", () => {
  for (const path of ["/api/v1/apis", "/api/v1/consumers", "/api/v1/credentials", "/api/v1/grants", "/api/v1/findings", "/api/v1/campaigns"]) {
    test(`${path}: 401 without or with a bad token`, async ({ request }) => {
      await problem(await request.get(path), 401);
      await problem(await request.get(path, { headers: auth("swd_not-a-real-token") }), 401);
    });
  }

  test("403 when the token lacks the scope, naming it", async ({ request }) => {
    expect((await problem(await request.post("/api/v1/apis", { headers: auth(readOnly), data: {} }), 403)).detail).toBe(
      "This token lacks the catalog:write scope.",
    );
    await problem(await request.post("/api/v1/events", { headers: auth(readOnly), data: { events: [] } }), 403);
    await problem(await request.post("/api/v1/decisions", { headers: auth(readOnly), data: {} }), 403);
    await problem(await request.get("/api/v1/campaigns", { headers: auth(readOnly) }), 403);
  });
});

test.describe("catalogue resources", () => {
  test("pages through every list with a cursor, no row twice", async ({ request }) => {
    for (const path of ["/api/v1/apis", "/api/v1/consumers", "/api/v1/credentials", "/api/v1/grants", "/api/v1/findings"]) {
      const first = await (await request.get(`${path}?limit=7`, { headers: auth(readOnly) })).json();
      expect(first.data, path).toHaveLength(7);
      expect(first.nextCursor, path).toBe(first.data[6].id);
      const second = await (await request.get(`${path}?limit=7&cursor=${first.nextCursor}`, { headers: auth(readOnly) })).json();
      expect(second.data[0].id > first.data[6].id, path).toBe(true);
      expect(new Set([...first.data, ...second.data].map((r: { id: string }) => r.id)).size).toBe(14);
    }
    const bad = await problem(await request.get("/api/v1/apis?limit=9999", { headers: auth(readOnly) }), 422);
    expect(bad.errors).toEqual([{ pointer: "/limit", detail: "limit: at most 500" }]);
    const campaigns = await (await request.get("/api/v1/campaigns", { headers: auth(full) })).json();
    expect(campaigns.data.length).toBeGreaterThanOrEqual(2);
  });

  test("creates, reads, changes and removes an API, a consumer, a credential and a grant; decisions follow the grant", async ({ request }) => {
    const apis = await (await request.get("/api/v1/apis?limit=1", { headers: auth(full) })).json();
    const teamId = apis.data[0].teamId;

    const invalid = await problem(await request.post("/api/v1/apis", { headers: auth(full), data: { name: "x", teamId } }), 422);
    expect(invalid.errors).toEqual(
      expect.arrayContaining([
        { pointer: "/name", detail: "Name must be at least 2 characters" },
        { pointer: "/environment", detail: "Choose an environment" },
      ]),
    );

    const name = `Contract API ${Date.now()}`;
    const created = await request.post("/api/v1/apis", {
      headers: auth(full),
      data: { name, teamId, environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" },
    });
    expect(created.status()).toBe(201);
    const api = await created.json();
    // The token acts for the administrator: what it creates is theirs.
    expect(api).toMatchObject({ name, environment: "STAGING", ownerId: expect.any(String), scopes: [] });
    const changed = await (await request.patch(`/api/v1/apis/${api.id}`, { headers: auth(full), data: { description: "Changed by contract" } })).json();
    expect(changed).toMatchObject({ name, description: "Changed by contract" });
    await problem(await request.get("/api/v1/apis/does-not-exist", { headers: auth(full) }), 404);

    const consumer = await (
      await request.post("/api/v1/consumers", {
        headers: auth(full),
        data: { kind: "SERVICE", name: `contract-svc-${Date.now()}`, teamId, environment: "STAGING" },
      })
    ).json();
    expect(consumer).toMatchObject({ kind: "SERVICE", status: "ACTIVE" });
    const credential = await request.post("/api/v1/credentials", {
      headers: auth(full),
      data: { consumerId: consumer.id, label: "contract secret", type: "CLIENT_SECRET", accessTokenTtlSeconds: 600, senderConstraint: "DPOP" },
    });
    expect(credential.status()).toBe(201);
    const cred = await credential.json();
    expect(cred.consumerIds).toEqual([consumer.id]);

    // A grant needs a scope: take one from a seeded API.
    const seeded = (await (await request.get("/api/v1/apis?limit=50", { headers: auth(full) })).json()).data.find(
      (a: { scopes: unknown[]; lifecycle: string }) => a.scopes.length > 1 && a.lifecycle !== "RETIRED",
    );
    const grantBad = await problem(
      await request.post("/api/v1/grants", { headers: auth(full), data: { consumerId: consumer.id, apiId: seeded.id, scopeIds: [], justification: "short" } }),
      422,
    );
    expect(grantBad.errors?.map((e) => e.pointer).sort()).toEqual(["/justification", "/scopeIds"]);
    const grant = await (
      await request.post("/api/v1/grants", {
        headers: auth(full),
        data: { consumerId: consumer.id, apiId: seeded.id, scopeIds: [seeded.scopes[0].id], justification: "Contract test grant" },
      })
    ).json();
    expect(grant).toMatchObject({ status: "ACTIVE", origin: "MANUAL", scopes: [{ id: seeded.scopes[0].id }] });
    const widened = await (
      await request.patch(`/api/v1/grants/${grant.id}`, { headers: auth(full), data: { scopeIds: [seeded.scopes[0].id, seeded.scopes[1].id] } })
    ).json();
    expect(widened.scopes).toHaveLength(2);

    // Runtime decisions follow the live grant, and flip at the very next call after a revocation.
    const ask = () =>
      request.post("/api/v1/decisions", { headers: auth(full), data: { consumer: consumer.id, api: seeded.id, scopes: [seeded.scopes[0].name] } });
    expect(await (await ask()).json()).toMatchObject({ decision: "allow", grantId: grant.id });
    const outside = await (
      await request.post("/api/v1/decisions", { headers: auth(full), data: { consumer: consumer.id, api: seeded.id, scopes: ["not:granted"] } })
    ).json();
    expect(outside).toMatchObject({ decision: "deny", reasons: ["Scopes not granted: not:granted"] });
    const revoked = await (await request.delete(`/api/v1/grants/${grant.id}`, { headers: auth(full), data: { reason: "Contract test over" } })).json();
    expect(revoked.status).toBe("REVOKED");
    expect(await (await ask()).json()).toMatchObject({ decision: "deny", reasons: ["No live grant for this consumer on this API"] });
    await problem(await request.post("/api/v1/decisions", { headers: auth(full), data: { api: seeded.id } }), 422);

    const revokedCred = await (await request.delete(`/api/v1/credentials/${cred.id}`, { headers: auth(full) })).json();
    expect(revokedCred.revokedAt).not.toBeNull();
    const gone = await (await request.delete(`/api/v1/consumers/${consumer.id}`, { headers: auth(full) })).json();
    expect(gone.status).toBe("DECOMMISSIONED");
    expect((await request.delete(`/api/v1/apis/${api.id}`, { headers: auth(full) })).status()).toBe(204);
  });
});

test.describe("usage events", () => {
  test("the same batch twice counts once; unknown consumers and APIs are reported back", async ({ request }) => {
    const grants = (await (await request.get("/api/v1/grants?limit=200", { headers: auth(full) })).json()).data.filter(
      (g: { status: string }) => g.status === "ACTIVE",
    );
    const g = grants[0];
    const at = new Date().toISOString();
    const run = Date.now().toString(36);
    const events = [
      {
        id: `contract-${run}-1`,
        occurredAt: at,
        consumer: g.consumerId,
        api: g.apiId,
        scopes: [g.scopes[0].name],
        kind: "api_call",
        client: { type: "server" },
      },
      { id: `contract-${run}-2`, occurredAt: at, consumer: g.consumerId, api: g.apiId, scopes: g.scopes[0].name, kind: "token_issued" },
      { id: `contract-${run}-3`, occurredAt: at, consumer: "no-such-consumer", api: g.apiId, kind: "api_call" },
    ];
    const first = await request.post("/api/v1/events", { headers: auth(full), data: { events } });
    expect(first.status()).toBe(202);
    expect(await first.json()).toEqual({ received: 3, stored: 2, duplicates: 0, rejected: 1, unknown: { consumers: ["no-such-consumer"], apis: [] } });
    expect(await (await request.post("/api/v1/events", { headers: auth(full), data: { events } })).json()).toMatchObject({
      received: 3,
      stored: 0,
      duplicates: 2,
      rejected: 1,
    });
    const after = await (await request.get(`/api/v1/grants/${g.id}`, { headers: auth(full) })).json();
    expect(after.lastUsedAt).toBe(at);
    expect(after.scopes.find((s: { name: string }) => s.name === g.scopes[0].name).lastUsedAt).toBe(at);

    const invalid = await problem(
      await request.post("/api/v1/events", {
        headers: auth(full),
        data: { events: [{ id: "x", occurredAt: "yesterday", consumer: "c", api: "a", kind: "click" }] },
      }),
      422,
    );
    expect(invalid.errors?.map((e) => e.pointer).sort()).toEqual(["/events/0/kind", "/events/0/occurredAt"]);
  });
});

test("an unknown path and an unserved method answer problem documents, the 405 with Allow", async ({ request }) => {
  const unknown = await request.get("/api/v1/no-such-resource/1");
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-type"]).toContain("application/problem+json");
  expect((await unknown.json()).detail).toContain("/api/v1/no-such-resource/1");

  const put = await request.put("/api/v1/apis", { data: {} });
  expect(put.status()).toBe(405);
  expect(put.headers()["allow"]).toBe("GET, POST, HEAD");
  expect(put.headers()["content-type"]).toContain("application/problem+json");
  expect((await put.json()).status).toBe(405);
  const get = await request.get("/api/v1/decisions");
  expect(get.status()).toBe(405);
  expect(get.headers()["allow"]).toBe("POST");
});

test("the OpenAPI document is public and describes every endpoint", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  // Every route file under app/api/v1 is an endpoint the document must describe, so one added
  // without its description fails here.
  const routes = readdirSync("app/api/v1", { recursive: true, encoding: "utf8" })
    // The catch-all only answers paths the API does not have.
    .filter((file) => file.endsWith("route.ts") && !file.startsWith("openapi.json") && !file.includes("[..."))
    .map((file) => `/${dirname(file)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\\/g, "/"));
  expect(routes.length).toBeGreaterThan(10);
  expect(Object.keys(doc.paths).sort()).toEqual(routes.sort());
});

test.describe("tokens in the console", () => {
  test.use({ storageState: "e2e/.auth/admin.json" });

  test("an admin creates a token, sees it once, uses it, and revokes it", async ({ page, request }) => {
    await page.goto("/settings/tokens");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("Name must be at least 3 characters")).toBeVisible();
    await expect(page.getByText("Pick at least one scope")).toBeVisible();
    const name = `ui token ${Date.now()}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("checkbox", { name: /^catalog:read/ }).check();
    await page.getByLabel("Expires after (days)").fill("30");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByLabel("New token").inputValue();
    expect(secret).toMatch(/^swd_/);
    await expect(page.getByText("it is shown this once")).toBeVisible();

    expect((await request.get("/api/v1/apis?limit=1", { headers: auth(secret) })).status()).toBe(200);
    await page.reload();
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("catalog:read");
    await expect(row).not.toContainText(secret);
    page.once("dialog", (dialog) => dialog.accept());
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(row).toContainText("Revoked");
    expect((await request.get("/api/v1/apis?limit=1", { headers: auth(secret) })).status()).toBe(401);
  });
});
