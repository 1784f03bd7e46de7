// The decision point's own listener (DECISIONS_PORT), over a real socket: the same contract as
// the console's POST /api/v1/decisions — token, scope, validation, problem documents — and
// decisions from live state, so a revocation is the very next answer.
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeGrant } from "@/lib/catalogue/commands/revoke-grant";
import { createToken } from "@/lib/api/commands/create-token";
import { revokeToken } from "@/lib/api/commands/revoke-token";
import { runCommand } from "@/lib/server/command";
import { startDecisionServer } from "@/lib/api/decision-server";
import type { Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { startDecisionProcess } from "./decision-process";
import { DEMO, ctxFor } from "./helpers";

let admin: Ctx;
let server: Server;
let base: string;
let reader: { id: string; secret: string };

beforeAll(async () => {
  admin = await ctxFor(DEMO.admin);
  server = await startDecisionServer(0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  reader = await runCommand(createToken, admin, { name: "gateway", scopes: ["decisions:read"], days: 30 });
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function postOnNewConnection(port: number, body: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1/decisions",
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const ask = (body: unknown, token: string | null = reader.secret, init: RequestInit = {}) =>
  fetch(`${base}/api/v1/decisions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(token && { Authorization: `Bearer ${token}` }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });

async function liveGrant() {
  return db.grant.findFirstOrThrow({
    where: { status: "ACTIVE", expiresAt: null, consumer: { status: "ACTIVE" }, api: { lifecycle: { not: "RETIRED" } }, scopes: { some: { expiresAt: null } } },
    include: { scopes: { include: { scope: true } } },
    orderBy: { id: "desc" },
  });
}

describe("the decision point", () => {
  it("allows from live state, and denies at the very next call after a revocation", async () => {
    const grant = await liveGrant();
    const question = { consumer: grant.consumerId, api: grant.apiId, scopes: [grant.scopes[0]!.scope.name] };
    const allowed = await ask(question);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-type")).toBe("application/json");
    expect(await allowed.json()).toMatchObject({ decision: "allow", grantId: grant.id });

    const beyond = await (await ask({ ...question, scopes: ["no:such-scope"] })).json();
    expect(beyond).toMatchObject({ decision: "deny", reasons: ["Scopes not granted: no:such-scope"] });

    await runCommand(revokeGrant, admin, { id: grant.id, reason: "Decision point test" });
    expect(await (await ask(question)).json()).toMatchObject({ decision: "deny", reasons: ["No live grant for this consumer on this API"] });
  });

  it("runs as processes of their own (npm run decisions), each answering from its very first call", async () => {
    // Two workers sharing the port, each started as a fresh instance: nothing has queried the database before its first call.
    const child = await startDecisionProcess(2);
    const port = child.port;
    try {
      const grant = await liveGrant();
      const question = JSON.stringify({ consumer: grant.consumerId, api: grant.apiId, scopes: [grant.scopes[0]!.scope.name] });
      // A connection each: the cluster hands new connections to its workers in turn, so both answer.
      const answers = await Promise.all([1, 2, 3, 4].map(() => postOnNewConnection(port, question, reader.secret)));
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toMatchObject({ decision: "allow", grantId: grant.id });
      }
    } finally {
      child.stop();
    }
  }, 60_000);

  it("answers 401 without a token, with an unknown one and with a revoked one", async () => {
    for (const token of [null, "swd_not-a-token"]) {
      const response = await ask({ consumer: "c", api: "a", scopes: [] }, token);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ status: 401, type: "https://scopeward.dev/problems/unauthenticated" });
    }
    const doomed = await runCommand(createToken, admin, { name: "doomed gateway", scopes: ["decisions:read"], days: 30 });
    expect((await ask({ consumer: "c", api: "a", scopes: [] }, doomed.secret)).status).toBe(200);
    await runCommand(revokeToken, admin, { id: doomed.id });
    expect((await ask({ consumer: "c", api: "a", scopes: [] }, doomed.secret)).status).toBe(401);
  });

  it("answers 403 to a token without decisions:read", async () => {
    const other = await runCommand(createToken, admin, { name: "catalogue reader", scopes: ["catalog:read"], days: 30 });
    const response = await ask({ consumer: "c", api: "a", scopes: [] }, other.secret);
    expect(response.status).toBe(403);
    expect((await response.json()).detail).toBe("This token lacks the decisions:read scope.");
  });

  it("answers 422 with each field's problem, and for a body that is not JSON", async () => {
    const invalid = await ask({ consumer: "", scopes: "not-a-list" });
    expect(invalid.status).toBe(422);
    const problem = await invalid.json();
    expect(problem.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(expect.arrayContaining(["/api", "/consumer"]));
    const broken = await ask("{not json");
    expect(broken.status).toBe(422);
    expect((await broken.json()).errors).toEqual([{ pointer: "", detail: "Not valid JSON" }]);
  });

  it("answers only POST /api/v1/decisions, and refuses an oversized body", async () => {
    expect((await fetch(`${base}/api/v1/apis`)).status).toBe(404);
    const get = await fetch(`${base}/api/v1/decisions`, { headers: { Authorization: `Bearer ${reader.secret}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const huge = await ask({ consumer: "c", api: "a", scopes: Array.from({ length: 20_000 }, (_, i) => `scope:${i}`) });
    expect(huge.status).toBe(413);
  });
});
