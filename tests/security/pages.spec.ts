// Every page of the console and every CSV export, as every demo role and signed out: the
// answer the permission table calls for, observed on the running production server.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { Action } from "@/lib/server/permissions";
import { fill, loadRecords, type RecordKind } from "./records";
import { allowed, contextOf, people, type Caller } from "./server";

// `otherwise`: a page for people with a queue sends the others on (307) to the overview.
type Rule = { need: Action | "session"; record?: RecordKind; otherwise?: { redirectUnless: Action[] } };

// What each page needs. A page missing here fails the suite: a new page must say who may open it.
const PAGES: Record<string, Rule> = {
  "/work": { need: "session", otherwise: { redirectUnless: ["review.decide", "request.approve"] } },
  "/notifications": { need: "session" },
  "/dashboard": { need: "dashboard.read" },
  "/dashboard/agents": { need: "dashboard.read" },
  "/dashboard/scopes": { need: "dashboard.read" },
  "/dashboard/tokens": { need: "dashboard.read" },
  "/findings": { need: "dashboard.read" },
  "/apis": { need: "catalog.read" },
  "/apis/new": { need: "api.create" },
  "/apis/import": { need: "api.create" },
  "/apis/[id]": { need: "catalog.read", record: "api" },
  "/apis/[id]/edit": { need: "api.update", record: "api" },
  "/consumers": { need: "catalog.read" },
  "/consumers/new": { need: "consumer.create" },
  "/consumers/[id]": { need: "catalog.read", record: "consumer" },
  "/consumers/[id]/edit": { need: "consumer.update", record: "consumer" },
  "/consumers/[id]/credentials/new": { need: "credential.create", record: "consumer" },
  "/consumers/[id]/credentials/[credentialId]/edit": { need: "credential.update", record: "credential" },
  "/grants": { need: "catalog.read" },
  "/grants/new": { need: "grant.create" },
  "/grants/[id]": { need: "catalog.read", record: "grant" },
  "/import": { need: "consumer.create" },
  "/roles": { need: "catalog.read" },
  "/roles/[id]": { need: "catalog.read", record: "role" },
  "/audit": { need: "audit.read" },
  "/requests": { need: "request.read" },
  "/requests/new": { need: "request.create" },
  "/requests/[id]": { need: "request.read", record: "request" },
  "/reviews": { need: "campaign.read" },
  "/reviews/new": { need: "campaign.manage" },
  "/reviews/inbox": { need: "review.decide" },
  "/reviews/[id]": { need: "campaign.read", record: "campaign" },
  "/reviews/[id]/evidence": { need: "report.export", record: "campaign" },
  "/settings/policies": { need: "policy.read" },
  "/settings/tokens": { need: "token.manage" },
  "/settings/users": { need: "user.read" },
};

// Every CSV download; each obeys report.export. For a list with owners, reach "own" narrows the
// rows (or, for one campaign's decisions, refuses another's campaign); a list without owners is
// refused to it. `also`: a permission the list itself needs (the audit log: audit.read).
type Export = { ownable: boolean; record?: RecordKind; also?: Action };
const EXPORTS: Record<string, Export> = {
  "/apis/export.csv": { ownable: true },
  "/consumers/export.csv": { ownable: true },
  "/grants/export.csv": { ownable: true },
  "/requests/export.csv": { ownable: true },
  "/findings/export.csv": { ownable: false },
  "/roles/export.csv": { ownable: false },
  "/audit/export.csv": { ownable: false, also: "audit.read" },
  "/reviews/[id]/export.csv": { ownable: true, record: "campaign" },
};

/** The app's routes as the file system declares them, route groups left out. */
function routes(file: "page.tsx" | "route.ts", dir = "app", prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile()) return entry.name === file ? [prefix || "/"] : [];
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    return routes(file, join(dir, entry.name), prefix + segment);
  });
}

test("the matrix covers every page and every CSV export the app declares", () => {
  expect(
    routes("page.tsx")
      .filter((r) => r !== "/" && r !== "/login")
      .sort(),
  ).toEqual(Object.keys(PAGES).sort());
  expect(
    routes("route.ts")
      .filter((r) => r.endsWith(".csv"))
      .sort(),
  ).toEqual(Object.keys(EXPORTS).sort());
});

type Case = { path: string; expected: number[]; why: string };

/** Each route with each of its records, and what the caller must get. */
function cases(caller: Caller): Case[] {
  const records = loadRecords();
  const out: Case[] = [];
  for (const [route, rule] of Object.entries(PAGES)) {
    const subjects = rule.record ? records[rule.record] : [{ id: "", params: {}, owners: new Set<string>() }];
    if (subjects.length === 0) throw new Error(`No ${rule.record} in the database to open ${route} with`);
    for (const subject of subjects) {
      const path = fill(route, subject.params);
      if (caller === "signed out") {
        out.push({ path, expected: [307], why: "signed out: to the sign-in page" });
        continue;
      }
      const may = rule.need === "session" || allowed(caller, rule.need, (id) => !rule.record || subject.owners.size === 0 || subject.owners.has(id));
      // A record out of reach reads as not found where the page would otherwise tell it exists.
      const refused = rule.record && rule.need !== "session" && allowed(caller, rule.need) ? [403, 404] : [403];
      const sentOn = rule.otherwise && !rule.otherwise.redirectUnless.some((action) => allowed(caller, action));
      out.push({ path, expected: sentOn ? [307] : may ? [200] : refused, why: `${rule.need}${rule.record ? ` on ${rule.record} ${subject.id}` : ""}` });
    }
  }
  for (const [route, rule] of Object.entries(EXPORTS)) {
    const kind = rule.record;
    for (const subject of kind ? records[kind] : [{ id: "", params: {}, owners: new Set<string>() }]) {
      const path = fill(route, subject.params);
      if (caller === "signed out") {
        out.push({ path, expected: [401, 307], why: "signed out" });
        continue;
      }
      const listed = (!rule.also || allowed(caller, rule.also)) && allowed(caller, "report.export", () => rule.ownable);
      const may = listed && allowed(caller, "report.export", (id) => rule.ownable && (!kind || subject.owners.has(id)));
      // Another's campaign reads as not found, as its evidence page does.
      out.push({ path, expected: may ? [200] : listed && kind ? [404] : [403], why: `report.export${kind ? ` on ${kind} ${subject.id}` : ""}` });
    }
  }
  return out;
}

const callers = (): Caller[] => [...people(), "signed out"];

for (const index of [0, 1, 2, 3, 4, 5]) {
  test(`pages and exports answer caller ${index} as the permission table says`, async () => {
    const caller = callers()[index]!;
    const who = caller === "signed out" ? caller : `${caller.role} (${caller.roles.join(", ")})`;
    const context = await contextOf(caller);
    const mismatches: string[] = [];
    const all = cases(caller);
    expect(all.length).toBeGreaterThan(Object.keys(PAGES).length + Object.keys(EXPORTS).length);
    for (const c of all) {
      const response = await context.get(c.path);
      if (!c.expected.includes(response.status())) mismatches.push(`${c.path}: ${response.status()}, expected ${c.expected.join(" or ")} (${c.why})`);
      if (caller === "signed out" && response.status() === 307) expect(response.headers().location, c.path).toMatch(/\/login/);
    }
    await context.dispose();
    expect(mismatches, `as ${who}`).toEqual([]);
  });
}

test("the root sends everyone on, and the sign-in page is open to all", async () => {
  const context = await contextOf("signed out");
  expect((await context.get("/login")).status()).toBe(200);
  expect((await context.get("/")).status()).toBe(307);
  await context.dispose();
});
