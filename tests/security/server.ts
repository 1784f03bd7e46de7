// What the security suite knows of the running server: who is who, the records it reads, the
// database (read only, to derive ownership and to see that refused calls wrote nothing), and
// how to call a server action the way a browser does, by its id from the build's manifest.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { z } from "zod";
import { type APIRequestContext, request } from "@playwright/test";
import { ROLES, emailOf, type DemoRole } from "../../e2e/fixtures";
import { reachOf, type Action } from "@/lib/server/permissions";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { baseURL } from "../../playwright.config";

export { ROLES, baseURL, type DemoRole };
export const DB_FILE = ".tmp/e2e/scopeward.db";
export const stateOf = (role: DemoRole) => `.tmp/security/${role}.json`;
export const TOKENS_FILE = ".tmp/security/tokens.json";

/** The suite's tokens, made by its setup: full ones for admin@ and owner@, and admin@'s lacking each scope. */
const tokenFile = z.object({ admin: z.string(), owner: z.string(), lacking: z.record(z.string(), z.string()) });
export function tokens() {
  return tokenFile.parse(JSON.parse(readFileSync(TOKENS_FILE, "utf8")));
}

export function database() {
  return new Database(DB_FILE, { readonly: true, fileMustExist: true });
}

export type Person = { role: DemoRole; id: string; roles: UserRole[] };

/** The demo people with their console roles, as the database holds them. */
export function people(): Person[] {
  const db = database();
  try {
    return ROLES.map((role) => {
      const user = db.prepare("SELECT id FROM User WHERE email = ?").get(emailOf(role)) as { id: string };
      const roles = (db.prepare("SELECT role FROM UserRoleGrant WHERE userId = ?").all(user.id) as { role: UserRole }[]).map((r) => r.role);
      return { role, id: user.id, roles };
    });
  } finally {
    db.close();
  }
}

/** A caller of the suite: a signed-in role, or nobody. */
export type Caller = Person | "signed out";

export async function contextOf(caller: Caller): Promise<APIRequestContext> {
  return request.newContext({ baseURL, storageState: caller === "signed out" ? undefined : stateOf(caller.role), maxRedirects: 0 });
}

/**
 * What the permission table says of a caller and an action on a record: allowed everywhere,
 * allowed because they own this record, or refused.
 */
export function allowed(person: Person, action: Action, ownedBy?: (userId: string) => boolean): boolean {
  const reach = reachOf(person.roles, action);
  return reach === "all" || (reach === "own" && (ownedBy ? ownedBy(person.id) : true));
}

/** A console API token acting for a person, made as an operator makes one (npm run token:create). */
export function tokenFor(email: string, scopes: string[], name: string): string {
  const out = execFileSync("npx", ["tsx", "scripts/token-create.ts", "--as", email, "--name", name, "--scopes", scopes.join(","), "--days", "1", "--json"], {
    env: { ...process.env, DATABASE_URL: `file:./${DB_FILE}` },
    encoding: "utf8",
  });
  return (JSON.parse(out.trim().split("\n").pop()!) as { secret: string }).secret;
}

const actionManifest = z.object({ node: z.record(z.string(), z.object({ filename: z.string(), exportedName: z.string() })) });

/** Every server action of the build: id, module and exported name. */
export function serverActions(): { id: string; file: string; name: string }[] {
  const manifest = actionManifest.parse(JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")));
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, file: entry.filename, name: entry.exportedName }));
}

export type ActionAnswer = { status: number; code: string | null; ok: boolean; body: string };

/** Calls a server action with these arguments (or this raw body) as a page of the console would. */
export async function callAction(context: APIRequestContext, id: string, args: unknown[] | { raw: string }): Promise<ActionAnswer> {
  const response = await context.post("/notifications", {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL },
    data: "raw" in args ? args.raw : JSON.stringify(args),
  });
  const body = await response.text();
  return {
    status: response.status(),
    // An action that threw answers its error's digest only ("1:E{...}"): a server error.
    code: /^\d+:E\{/m.test(body) ? "THROWN" : (/"code":"([A-Z_]+)"/.exec(body)?.[1] ?? null),
    ok: /"ok":true/.test(body) || Boolean(response.headers()["x-action-redirect"]),
    body: body.slice(0, 500),
  };
}

// Tables the console writes on its own while the suite runs (sign-ins, background jobs,
// dashboards, leases), and token bookkeeping (a token's last use): not the callers' writes.
const VOLATILE = new Set([
  "_prisma_migrations",
  "sqlite_sequence",
  "UserSession",
  "SignInThrottle",
  "JobLease",
  "JobCursor",
  "FindingRun",
  "Finding",
  "MetricSnapshot",
  "DashboardCell",
  "AuditHead",
  "AuditVerification",
  "ApiToken",
  "Notification",
]);

/** A digest of every row a caller could write, table by table; audit events of people and tokens only. */
export function digest(): Record<string, string> {
  const db = database();
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[])
      .map((t) => t.name)
      .filter((t) => !VOLATILE.has(t));
    const out: Record<string, string> = {};
    for (const table of tables) {
      const where = table === "AuditEvent" ? " WHERE actorKind <> 'SYSTEM'" : "";
      const hash = createHash("sha256");
      for (const row of db.prepare(`SELECT * FROM "${table}"${where} ORDER BY rowid`).iterate()) hash.update(JSON.stringify(row));
      out[table] = hash.digest("hex").slice(0, 16);
    }
    return out;
  } finally {
    db.close();
  }
}
