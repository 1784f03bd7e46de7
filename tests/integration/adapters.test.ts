// Every catalogue command through every adapter that exposes it — the console's forms, the
// automation API with a token of the person, the CSV importer — as every role: the same
// outcome everywhere. Allowed means written with its audit event; refused means nothing
// written at all (no row, no audit event).
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "@/lib/api/commands/create-token";
import { catalog } from "@/lib/api/resources";
import { collectionRoutes, itemRoutes } from "@/lib/api/routes";
import { addScope } from "@/lib/catalogue/commands/add-scope";
import { createApi } from "@/lib/catalogue/commands/create-api";
import { createConsumer } from "@/lib/catalogue/commands/create-consumer";
import { createCredential } from "@/lib/catalogue/commands/create-credential";
import { createGrant } from "@/lib/catalogue/commands/create-grant";
import { decommissionConsumer } from "@/lib/catalogue/commands/decommission-consumer";
import { deleteApi } from "@/lib/catalogue/commands/delete-api";
import { deleteScope } from "@/lib/catalogue/commands/delete-scope";
import { revokeCredential } from "@/lib/catalogue/commands/revoke-credential";
import { revokeGrant } from "@/lib/catalogue/commands/revoke-grant";
import { updateApi } from "@/lib/catalogue/commands/update-api";
import { updateConsumer } from "@/lib/catalogue/commands/update-consumer";
import { updateCredential } from "@/lib/catalogue/commands/update-credential";
import { updateGrant } from "@/lib/catalogue/commands/update-grant";
import { updateScope } from "@/lib/catalogue/commands/update-scope";
import { applyCsvImport } from "@/lib/catalogue/csv-import";
import { submitForm } from "@/lib/server/action";
import type { Ctx } from "@/lib/server/authz";
import { runCommand, type Command } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import type { z } from "zod";
import { DEMO, ctxsFor, liveStateDigest } from "./helpers";

const ROLES = ["admin", "owner", "manager", "exec", "auditor"] as const;
type Role = (typeof ROLES)[number];
let people: Record<Role, Ctx>;
let tokens: Record<Role, string>;
let teamId: string;
let n = 0;
const fresh = (prefix: string) => `${prefix}-${++n}-${Date.now().toString(36)}`;

beforeAll(async () => {
  const [admin, owner, manager, exec, auditor] = await ctxsFor(DEMO.admin, DEMO.owner, DEMO.manager, DEMO.exec, DEMO.auditor);
  people = { admin, owner, manager, exec, auditor };
  teamId = (await db.team.findFirstOrThrow()).id;
  tokens = Object.fromEntries(
    await Promise.all(
      ROLES.map(async (role) => {
        const ctx = people[role];
        // People who may not keep tokens get one made behind the console's back: it must still reach nothing.
        if (ctx.roles.includes("ADMIN") || ctx.roles.includes("OWNER"))
          return [role, (await runCommand(createToken, ctx, { name: `adapters ${role}`, scopes: ["catalog:read", "catalog:write"], days: 1 })).secret];
        const impostor = await runCommand(createToken, people.admin, { name: `adapters ${role}`, scopes: ["catalog:read", "catalog:write"], days: 1 });
        await db.apiToken.update({ where: { id: impostor.id }, data: { createdById: ctx.userId } });
        return [role, impostor.secret];
      }),
    ),
  );
});

/** A small catalogue owned by owner@, made by an admin: what every case acts on. */
async function fixture() {
  const admin = people.admin;
  const owner = people.owner.userId;
  const api = await runCommand(createApi, admin, {
    name: fresh("Adapter API"),
    teamId,
    ownerId: owner,
    environment: "STAGING",
    exposure: "INTERNAL",
    classification: "INTERNAL",
  });
  const lonelyApi = await runCommand(createApi, admin, {
    name: fresh("Lonely API"),
    teamId,
    ownerId: owner,
    environment: "STAGING",
    exposure: "INTERNAL",
    classification: "INTERNAL",
  });
  const read = await runCommand(addScope, admin, { apiId: api.id, name: "things:read", level: "READ" });
  const write = await runCommand(addScope, admin, { apiId: api.id, name: "things:write", level: "WRITE" });
  const consumer = await runCommand(createConsumer, admin, { kind: "SERVICE", name: fresh("adapter-svc"), teamId, ownerId: owner, environment: "STAGING" });
  const spare = await runCommand(createConsumer, admin, { kind: "SERVICE", name: fresh("spare-svc"), teamId, ownerId: owner, environment: "STAGING" });
  const credential = await runCommand(createCredential, admin, { consumerId: consumer.id, label: "adapter secret", type: "CLIENT_SECRET" });
  const grant = await runCommand(createGrant, admin, { consumerId: consumer.id, apiId: api.id, scopeIds: [read.id], justification: "Adapter test grant" });
  return { api, lonelyApi, read, write, consumer, spare, credential, grant };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

type Outcome = "allowed" | `refused ${string}`;

/** What the code of a refusal is called, whichever adapter reported it. */
function refusedBy(error: unknown): Outcome {
  if (error instanceof AppError) return `refused ${error.code}`;
  throw error;
}

const STATUS: Record<number, string> = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT", 422: "VALIDATION" };

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

async function viaForm<S extends z.ZodType, R>(
  role: Role,
  command: Command<S, R>,
  fields: Record<string, string | string[]>,
  arrays: string[] = [],
): Promise<Outcome> {
  return submitForm(people[role], command, form(fields), { arrays }).then(() => "allowed" as const, refusedBy);
}

async function viaApi(role: Role, method: "POST" | "PATCH" | "DELETE", resource: keyof typeof catalog, body: unknown, id?: string): Promise<Outcome> {
  const request = new Request(`http://localhost/api/v1/${resource}${id ? `/${id}` : ""}`, {
    method,
    headers: { Authorization: `Bearer ${tokens[role]}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const path = { params: Promise.resolve({ id: id ?? "" }) };
  const item = itemRoutes(catalog[resource]);
  const response =
    method === "POST"
      ? await collectionRoutes(catalog[resource]).POST(request)
      : method === "PATCH"
        ? await item.PATCH(request, path)
        : await item.DELETE(request, path);
  return response.status < 300 ? "allowed" : `refused ${STATUS[response.status] ?? response.status}`;
}

async function viaCsv(role: Role, kind: "consumers" | "credentials" | "grants", rows: Record<string, string>[]): Promise<Outcome> {
  try {
    await applyCsvImport(people[role], { kind, csv: Papa.unparse(rows) });
    return "allowed";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The importer names the row's refusal; its code is in the message ("…: You are not allowed…").
    const detail = Object.values(error.fieldErrors ?? {})
      .flat()
      .join(" ");
    if (/not allowed/.test(detail)) return "refused FORBIDDEN";
    if (/not found|No grant with this id/.test(detail)) return "refused NOT_FOUND";
    return `refused ${error.code}: ${detail}`;
  }
}

type Case = { command: string; adapters: Record<string, (role: Role, f: Fixture) => Promise<Outcome>>; audited: string };

const apiFields = (name: string) => ({ name, teamId, environment: "STAGING", exposure: "INTERNAL", classification: "INTERNAL" });

const CASES: Case[] = [
  {
    command: "api.create",
    audited: "api.create",
    adapters: {
      form: (role) => viaForm(role, createApi, apiFields(fresh("Form API"))),
      api: (role) => viaApi(role, "POST", "apis", apiFields(fresh("Token API"))),
    },
  },
  {
    command: "api.update",
    audited: "api.update",
    adapters: {
      form: (role, f) => viaForm(role, updateApi, { ...apiFields(f.api.name), id: f.api.id, description: "Changed by form" }),
      api: (role, f) => viaApi(role, "PATCH", "apis", { description: "Changed by token" }, f.api.id),
    },
  },
  {
    command: "api.delete",
    audited: "api.delete",
    adapters: {
      form: (role, f) => viaForm(role, deleteApi, { id: f.lonelyApi.id }),
      api: (role, f) => viaApi(role, "DELETE", "apis", {}, f.lonelyApi.id),
    },
  },
  {
    command: "scope.create / update / delete",
    audited: "scope.",
    adapters: {
      form: async (role, f) => {
        const added = await viaForm(role, addScope, { apiId: f.api.id, name: "things:admin", level: "ADMIN" });
        const changed = await viaForm(role, updateScope, { id: f.write.id, level: "ADMIN", description: "now admin" });
        const removed = await viaForm(role, deleteScope, { id: f.write.id });
        expect(new Set([added, changed, removed]).size, "the scope commands agree").toBe(1);
        return added;
      },
    },
  },
  {
    command: "consumer.create",
    audited: "consumer.create",
    adapters: {
      form: (role) => viaForm(role, createConsumer, { kind: "SERVICE", name: fresh("form-svc"), teamId, environment: "STAGING" }),
      api: (role) => viaApi(role, "POST", "consumers", { kind: "SERVICE", name: fresh("token-svc"), teamId, environment: "STAGING" }),
      csv: async (role) =>
        viaCsv(role, "consumers", [
          {
            name: fresh("csv-svc"),
            kind: "SERVICE",
            environment: "STAGING",
            team: (await db.team.findUniqueOrThrow({ where: { id: teamId } })).name,
            owner: "",
          },
        ]),
    },
  },
  {
    command: "consumer.update",
    audited: "consumer.update",
    adapters: {
      form: (role, f) =>
        viaForm(role, updateConsumer, {
          id: f.consumer.id,
          kind: "SERVICE",
          name: f.consumer.name,
          teamId,
          environment: "STAGING",
          description: "Changed by form",
        }),
      api: (role, f) => viaApi(role, "PATCH", "consumers", { description: "Changed by token" }, f.consumer.id),
      csv: async (role, f) =>
        viaCsv(role, "consumers", [
          {
            id: f.consumer.id,
            name: f.consumer.name,
            kind: "SERVICE",
            environment: "STAGING",
            team: (await db.team.findUniqueOrThrow({ where: { id: teamId } })).name,
            owner: DEMO.owner,
            description: "Changed by file",
          },
        ]),
    },
  },
  {
    command: "consumer.decommission",
    audited: "consumer.decommission",
    adapters: {
      form: (role, f) => viaForm(role, decommissionConsumer, { id: f.consumer.id, reason: "No longer needed" }),
      api: (role, f) => viaApi(role, "DELETE", "consumers", { reason: "No longer needed" }, f.consumer.id),
    },
  },
  {
    command: "credential.create",
    audited: "credential.create",
    adapters: {
      form: (role, f) => viaForm(role, createCredential, { consumerId: f.consumer.id, label: "form secret", type: "API_KEY" }),
      api: (role, f) => viaApi(role, "POST", "credentials", { consumerId: f.consumer.id, label: "token secret", type: "API_KEY" }),
      csv: (role, f) => viaCsv(role, "credentials", [{ consumer: f.consumer.name, consumerEnvironment: "STAGING", label: "file secret", type: "API_KEY" }]),
    },
  },
  {
    command: "credential.update / revoke",
    audited: "credential.",
    adapters: {
      form: async (role, f) => {
        const updated = await viaForm(role, updateCredential, { id: f.credential.id, label: "renamed by form", type: "CLIENT_SECRET" });
        expect(await viaForm(role, revokeCredential, { id: f.credential.id })).toBe(updated);
        return updated;
      },
      api: async (role, f) => {
        const updated = await viaApi(role, "PATCH", "credentials", { label: "renamed by token" }, f.credential.id);
        expect(await viaApi(role, "DELETE", "credentials", {}, f.credential.id)).toBe(updated);
        return updated;
      },
    },
  },
  {
    command: "grant.create",
    audited: "grant.create",
    adapters: {
      form: (role, f) =>
        viaForm(role, createGrant, { consumerId: f.spare.id, apiId: f.api.id, scopeIds: [f.read.id], justification: "Granted through the form" }, ["scopeIds"]),
      api: (role, f) =>
        viaApi(role, "POST", "grants", { consumerId: f.spare.id, apiId: f.api.id, scopeIds: [f.read.id], justification: "Granted through the API" }),
      csv: (role, f) =>
        viaCsv(role, "grants", [
          {
            consumer: f.spare.name,
            consumerEnvironment: "STAGING",
            api: f.api.name,
            apiEnvironment: "STAGING",
            scopes: "things:read",
            justification: "Granted through a file",
          },
        ]),
    },
  },
  {
    command: "grant.update",
    audited: "grant.update",
    adapters: {
      form: (role, f) =>
        viaForm(role, updateGrant, { id: f.grant.id, scopeIds: [f.read.id, f.write.id], justification: "Widened through the form" }, ["scopeIds"]),
      api: (role, f) => viaApi(role, "PATCH", "grants", { scopeIds: [f.read.id, f.write.id] }, f.grant.id),
      csv: (role, f) =>
        viaCsv(role, "grants", [
          {
            id: f.grant.id,
            consumer: f.consumer.name,
            consumerEnvironment: "STAGING",
            api: f.api.name,
            apiEnvironment: "STAGING",
            scopes: "things:read things:write",
            justification: "Widened through a file",
          },
        ]),
    },
  },
  {
    command: "grant.revoke",
    audited: "grant.revoke",
    adapters: {
      form: (role, f) => viaForm(role, revokeGrant, { id: f.grant.id, reason: "Revoked through the form" }),
      api: (role, f) => viaApi(role, "DELETE", "grants", { reason: "Revoked through the API" }, f.grant.id),
    },
  },
];

/** Who may: the permission table over a catalogue owner@ owns (manager@ is an owner too, of other things). */
function expected(command: string, role: Role): "allowed" | "refused" {
  if (role === "admin" || role === "owner") return "allowed";
  if (role === "manager") return command === "api.create" || command === "consumer.create" ? "allowed" : "refused";
  return "refused";
}

describe.each(CASES)("$command", ({ command, adapters, audited }) => {
  it.each(ROLES)("as %s: every adapter has the same outcome", async (role) => {
    const outcomes: Record<string, Outcome> = {};
    for (const [adapter, run] of Object.entries(adapters)) {
      const f = await fixture();
      const state = await liveStateDigest();
      const audit = await db.auditEvent.count();
      const lastBefore = (await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).seq;
      outcomes[adapter] = await run(role, f);
      if (outcomes[adapter] === "allowed") {
        // Written, with its audit event in the chain.
        expect(await liveStateDigest(), `${adapter} wrote`).not.toBe(state);
        const events = await db.auditEvent.findMany({ where: { seq: { gt: lastBefore } }, select: { action: true } });
        expect(
          events.some((e) => e.action.startsWith(audited)),
          `${adapter} audited ${audited}`,
        ).toBe(true);
      } else {
        expect(await liveStateDigest(), `${adapter} changed nothing`).toBe(state);
        expect(await db.auditEvent.count(), `${adapter} audited nothing`).toBe(audit);
      }
    }
    const kinds = new Set(Object.values(outcomes).map((o) => (o === "allowed" ? "allowed" : "refused")));
    expect(kinds, JSON.stringify(outcomes)).toEqual(new Set([expected(command, role)]));
    // A person who may hold a token gets the same refusal from the API as from the form.
    if (outcomes.api && (role === "admin" || role === "owner" || role === "manager")) expect(outcomes.api, JSON.stringify(outcomes)).toBe(outcomes.form);
  });
});
