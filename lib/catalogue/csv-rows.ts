// From CSV rows to catalogue commands: names become ids (a team by name, an owner by email,
// a consumer by name, kind and environment, an API by name and environment, scopes by name
// within the grant's own API), and each row becomes the command it asks for. Nothing here
// authorizes or writes: the commands do, row by row (csv-import.ts runs them).
import type { Nested } from "@/lib/server/command";
import { runCommand } from "@/lib/server/command";
import type { Ctx } from "@/lib/server/authz";
import type { Tx } from "@/lib/server/db";
import { createConsumer } from "./commands/create-consumer";
import { createCredential } from "./commands/create-credential";
import { importGrant } from "./commands/create-grant";
import { updateConsumer } from "./commands/update-consumer";
import { updateGrant } from "./commands/update-grant";

export type CsvRow = Record<string, string>;
export type Outcome = "create" | "update" | "unchanged";
export type RowPlan = { messages: string[] } | { run: (ctx: Ctx, nested: Nested) => Promise<Outcome> };

const cell = (row: CsvRow, key: string) => (row[key] ?? "").trim();
const orUndefined = (value: string) => (value === "" ? undefined : value);
const unique = (values: string[]) => [...new Set(values.filter(Boolean))];

export async function consumerRows(tx: Tx, rows: CsvRow[]): Promise<RowPlan[]> {
  const [teams, users, roles] = await Promise.all([
    tx.team.findMany({ where: { name: { in: unique(rows.map((r) => cell(r, "team"))) } }, select: { id: true, name: true } }),
    tx.user.findMany({ where: { email: { in: unique(rows.map((r) => cell(r, "owner").toLowerCase())) } }, select: { id: true, email: true } }),
    tx.jobRole.findMany({ where: { name: { in: unique(rows.map((r) => cell(r, "comparableRole"))) } }, select: { id: true, name: true } }),
  ]);
  return rows.map((row): RowPlan => {
    const problems: string[] = [];
    const team = teams.find((t) => t.name === cell(row, "team"));
    if (!team) problems.push(`team: no team named "${cell(row, "team")}"`);
    const ownerEmail = cell(row, "owner").toLowerCase();
    const owner = users.find((u) => u.email === ownerEmail);
    if (ownerEmail && !owner) problems.push(`owner: no user ${ownerEmail}`);
    const roleName = cell(row, "comparableRole");
    const role = roles.find((r) => r.name === roleName);
    if (roleName && !role) problems.push(`comparableRole: no human role named "${roleName}"`);
    if (problems.length) return { messages: problems };
    const input = {
      kind: cell(row, "kind"),
      name: cell(row, "name"),
      description: cell(row, "description"),
      teamId: team?.id ?? "",
      ownerId: owner?.id,
      environment: cell(row, "environment"),
      agentProvider: orUndefined(cell(row, "agentProvider")),
      agentModel: orUndefined(cell(row, "agentModel")),
      autonomy: orUndefined(cell(row, "autonomy")),
      comparableRoleId: role?.id,
      partnerOrg: orUndefined(cell(row, "partnerOrg")),
      isCiPipeline: cell(row, "isCiPipeline") === "true",
    };
    const id = cell(row, "id");
    if (id) return { run: async (ctx, nested) => ((await runCommand(updateConsumer, ctx, { ...input, id }, nested)).changed ? "update" : "unchanged") };
    return { run: async (ctx, nested) => (await runCommand(createConsumer, ctx, input, nested), "create") };
  });
}

type ConsumerRef = { id: string; name: string; kind: string; environment: string };

async function consumersNamed(tx: Tx, rows: CsvRow[]): Promise<ConsumerRef[]> {
  return tx.consumer.findMany({ where: { name: { in: unique(rows.map((r) => cell(r, "consumer"))) } }, select: { id: true, name: true, kind: true, environment: true } });
}

function pickConsumer(all: ConsumerRef[], row: CsvRow, problems: string[]) {
  const matches = all.filter(
    (c) => c.name === cell(row, "consumer") && (!cell(row, "consumerKind") || c.kind === cell(row, "consumerKind")) && (!cell(row, "consumerEnvironment") || c.environment === cell(row, "consumerEnvironment")),
  );
  if (matches.length === 0) problems.push(`consumer: no consumer named "${cell(row, "consumer")}"`);
  if (matches.length > 1) problems.push(`consumer: "${cell(row, "consumer")}" names several consumers; add consumerEnvironment`);
  return matches.length === 1 ? matches[0] : undefined;
}

export async function credentialRows(tx: Tx, rows: CsvRow[]): Promise<RowPlan[]> {
  const consumers = await consumersNamed(tx, rows);
  return rows.map((row): RowPlan => {
    const problems: string[] = [];
    const consumer = pickConsumer(consumers, row, problems);
    if (!consumer) return { messages: problems };
    const input = {
      consumerId: consumer.id,
      label: cell(row, "label"),
      type: cell(row, "type"),
      lastRotatedAt: cell(row, "lastRotatedAt"),
      expiresAt: cell(row, "expiresAt"),
      accessTokenTtlSeconds: cell(row, "accessTokenTtlSeconds"),
      refreshTokenTtlSeconds: cell(row, "refreshTokenTtlSeconds"),
      senderConstraint: orUndefined(cell(row, "senderConstraint")),
      audience: cell(row, "audience"),
    };
    return { run: async (ctx, nested) => (await runCommand(createCredential, ctx, input, nested), "create") };
  });
}

const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? "";

export async function grantRows(tx: Tx, rows: CsvRow[]): Promise<RowPlan[]> {
  const consumers = await consumersNamed(tx, rows);
  const apis = await tx.api.findMany({
    where: { name: { in: unique(rows.map((r) => cell(r, "api"))) } },
    select: { id: true, name: true, environment: true, scopes: { select: { id: true, name: true } } },
  });
  const existing = new Map(
    (await tx.grant.findMany({ where: { id: { in: unique(rows.map((r) => cell(r, "id"))) } }, select: { id: true, consumerId: true, apiId: true, expiresAt: true } })).map((g) => [g.id, g]),
  );
  return rows.map((row): RowPlan => {
    const problems: string[] = [];
    const consumer = pickConsumer(consumers, row, problems);
    const candidates = apis.filter((a) => a.name === cell(row, "api") && (!cell(row, "apiEnvironment") || a.environment === cell(row, "apiEnvironment")));
    const api = candidates.length === 1 ? candidates[0] : undefined;
    if (candidates.length === 0) problems.push(`api: no API named "${cell(row, "api")}"${cell(row, "apiEnvironment") ? ` in ${cell(row, "apiEnvironment")}` : ""}`);
    if (candidates.length > 1) problems.push(`api: "${cell(row, "api")}" names several APIs; add apiEnvironment`);
    const id = cell(row, "id");
    const before = id ? existing.get(id) : undefined;
    if (id && !before) problems.push(`id: no grant ${id}`);
    // A row naming a grant speaks of that grant only: its consumer and API must be the grant's,
    // so scope names are never read against another API than the one the grant opens.
    if (before && consumer && before.consumerId !== consumer.id) problems.push(`consumer: grant ${before.id} belongs to another consumer`);
    if (before && api && before.apiId !== api.id) problems.push(`api: grant ${before.id} is on another API`);
    const scopeNames = cell(row, "scopes").split(/\s+/).filter(Boolean);
    const unknown = api ? scopeNames.filter((n) => !api.scopes.some((s) => s.name === n)) : [];
    if (api && unknown.length) problems.push(`scopes: ${api.name} declares no ${unknown.join(", ")}`);
    if (!consumer || !api || problems.length) return { messages: problems };
    const scopeIds = scopeNames.flatMap((n) => api.scopes.filter((s) => s.name === n).map((s) => s.id));
    const justification = cell(row, "justification");
    if (before) {
      // Exports carry the end date to the day: the same day keeps the grant's exact end.
      const expiresAt = day(before.expiresAt) === cell(row, "expiresAt") ? before.expiresAt : cell(row, "expiresAt");
      const input = { id: before.id, scopeIds, justification, expiresAt };
      return { run: async (ctx, nested) => ((await runCommand(updateGrant, ctx, input, nested)).changed ? "update" : "unchanged") };
    }
    const input = { consumerId: consumer.id, apiId: api.id, scopeIds, justification, expiresAt: cell(row, "expiresAt") };
    return { run: async (ctx, nested) => (await runCommand(importGrant, ctx, input, nested), "create") };
  });
}
