// The console's upload routes (a CSV file, an OpenAPI document), as every demo role and signed
// out, and then a fuzz pass as an administrator: the permission table's answer before the body is
// read, a 413 past the size the form promises, a 4xx for anything malformed, and no row written.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { Action } from "@/lib/server/permissions";
import { allowed, baseURL, contextOf, digest, people, type Caller } from "./server";

// Each upload route: what it needs, the largest body it takes, and a query it works with.
const UPLOADS: Record<string, { need: Action; maxBytes: number; query: string }> = {
  "/import/csv": { need: "consumer.create", maxBytes: 50_000_000, query: "kind=consumers" },
  "/apis/import/document": { need: "api.create", maxBytes: 20_000_000, query: "environment=STAGING&exposure=INTERNAL&classification=INTERNAL" },
};

/** Route handlers of the console's pages that are not CSV exports: its uploads. */
function uploadRoutes(dir = "app/(console)", prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === "route.ts" && !prefix.endsWith(".csv") ? [prefix] : [];
    return uploadRoutes(join(dir, entry.name), `${prefix}/${entry.name}`);
  });
}

test("the matrix covers every upload route the console declares", () => {
  expect(uploadRoutes().sort()).toEqual(Object.keys(UPLOADS).sort());
});

test("uploads answer each caller as the permission table says, before reading the body", async () => {
  const callers: Caller[] = [...people(), "signed out"];
  const mismatches: string[] = [];
  const before = digest();
  for (const caller of callers) {
    const context = await contextOf(caller);
    for (const [path, rule] of Object.entries(UPLOADS)) {
      for (const apply of ["", "&apply=1"]) {
        // An empty body: refused for want of rights, or else as invalid; never taken.
        const response = await context.post(`${path}?${rule.query}${apply}`, { headers: { "Content-Type": "text/plain", Origin: baseURL }, data: "" });
        const expected = caller === "signed out" ? 401 : allowed(caller, rule.need) ? 422 : 403;
        if (response.status() !== expected)
          mismatches.push(`${caller === "signed out" ? caller : caller.role} ${path}${apply}: ${response.status()}, expected ${expected}`);
      }
    }
    await context.dispose();
  }
  expect(mismatches).toEqual([]);
  expect(digest()).toEqual(before);
});

test("uploads answer malformed and oversized bodies with a 4xx and write nothing", async () => {
  test.setTimeout(180_000);
  const admin = people().find((p) => p.role === "admin")!;
  const context = await contextOf(admin);
  const failures: string[] = [];
  const before = digest();
  for (const [path, rule] of Object.entries(UPLOADS)) {
    const queries = [
      rule.query,
      `${rule.query}&apply=1`,
      "kind=nothing",
      `${rule.query}&unknown=1`,
      `${rule.query}&name=%00`,
      "",
      `${rule.query}&teamId=no-such-team&apply=1`,
    ];
    const bodies = ["\u0000\u0001", "name,kind\r\n\u0000,SERVICE", '{"openapi":"3.1.0"', "[".repeat(10_000), "x".repeat(rule.maxBytes + 1)];
    for (const query of queries) {
      for (const body of bodies) {
        const label = `${path}?${query} ${JSON.stringify(body.slice(0, 20))}`;
        try {
          const response = await context.post(`${path}?${query}`, { headers: { "Content-Type": "text/plain", Origin: baseURL }, data: body });
          const status = response.status();
          if (status < 400 || status >= 500) failures.push(`${label}: ${status}`);
          if (body.length > rule.maxBytes && status !== 413) failures.push(`${label}: ${status}, expected 413`);
          expect(response.headers()["content-type"], label).toContain("application/problem+json");
        } catch (error) {
          failures.push(`${label}: ${String(error).split("\n")[0]}`);
        }
      }
    }
    // From another origin, refused whatever it carries.
    const foreign = await context.post(`${path}?${rule.query}`, { headers: { "Content-Type": "text/plain", Origin: "https://evil.test" }, data: "name\r\nx" });
    if (foreign.status() !== 403) failures.push(`${path} from another origin: ${foreign.status()}`);
  }
  await context.dispose();
  expect(failures).toEqual([]);
  expect(digest()).toEqual(before);
});
