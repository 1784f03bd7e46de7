// CSV import of consumers, credentials and grants. The columns are those of the console's
// CSV exports (names, not ids: a team by name, an owner by email, an API by name and
// environment), so an exported file imports back as "unchanged". A file is checked whole
// first; if any row is bad, the preview names each bad row by line and nothing is written.
// A valid file is written in one transaction, every row audited.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import Papa from "papaparse";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/service";
import { ownedWhere, personOf, requirePermission, type Ctx } from "@/lib/server/authz";
import { db, type Tx } from "@/lib/server/db";
import { invalid } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import { consumerData, credentialFacts } from "./consumer-service";
import { consumerInput, credentialInput, grantInput } from "./schemas";

export const IMPORT_KINDS = ["consumers", "credentials", "grants"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const csvImportInput = z.object({
  kind: z.enum(IMPORT_KINDS, { error: "Choose what the file holds" }),
  csv: z.string().min(1, "Attach a CSV file").max(50_000_000, "The file is over 50 MB"),
});

type RowError = { line: number; messages: string[] };
type Planned = { line: number; action: "create" | "update" | "unchanged"; label: string; apply: (tx: Tx, ctx: Ctx) => Promise<void> };
export type CsvPreview = { kind: ImportKind; rows: number; create: number; update: number; unchanged: number; errors: RowError[] };

const cell = (row: Record<string, string>, key: string) => (row[key] ?? "").trim();
const orUndefined = (v: string) => (v === "" ? undefined : v);
const messagesOf = (error: unknown): string[] => {
  if (error && typeof error === "object" && "fieldErrors" in error && error.fieldErrors) {
    return Object.entries(error.fieldErrors as Record<string, string[]>).map(([field, list]) => `${field}: ${list.join(" ")}`);
  }
  return [error instanceof Error ? error.message : String(error)];
};

function parseCsv(csv: string) {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy" });
  if (!parsed.meta.fields?.length) throw invalid("Some fields need attention.", { csv: ["The file has no header row"] });
  // Exports guard formula-like cells with a leading quote; take it back off.
  const rows = parsed.data.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "string" && /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : (v ?? "")])));
  return { rows, fields: parsed.meta.fields };
}

function requireColumns(fields: string[], needed: string[]) {
  const missing = needed.filter((c) => !fields.includes(c));
  if (missing.length) throw invalid("Some fields need attention.", { csv: [`Missing column(s): ${missing.join(", ")}`] });
}

async function planConsumers(ctx: Ctx, rows: Record<string, string>[]): Promise<(Planned | RowError)[]> {
  const reach = requirePermission(ctx, "consumer.create");
  const [teams, users, roles] = await Promise.all([
    db.team.findMany({ select: { id: true, name: true } }),
    db.user.findMany({ where: { email: { in: rows.map((r) => cell(r, "owner").toLowerCase()).filter(Boolean) } }, select: { id: true, email: true } }),
    db.jobRole.findMany({ select: { id: true, name: true } }),
  ]);
  const ids = rows.map((r) => cell(r, "id")).filter(Boolean);
  const existing = new Map((await db.consumer.findMany({ where: { id: { in: ids } } })).map((c) => [c.id, c]));
  const seen = new Set<string>();
  return rows.map((row, i): Planned | RowError => {
    const line = i + 2;
    const problems: string[] = [];
    const team = teams.find((t) => t.name === cell(row, "team"));
    if (!team) problems.push(`team: no team named "${cell(row, "team")}"`);
    const ownerEmail = cell(row, "owner").toLowerCase();
    const owner = users.find((u) => u.email === ownerEmail);
    if (ownerEmail && !owner) problems.push(`owner: no user ${ownerEmail}`);
    const roleName = cell(row, "comparableRole");
    const role = roles.find((r) => r.name === roleName);
    if (roleName && !role) problems.push(`comparableRole: no human role named "${roleName}"`);
    const raw = {
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
    let input: z.infer<typeof consumerInput> | null = null;
    try {
      input = parseInput(consumerInput, raw);
    } catch (error) {
      problems.push(...messagesOf(error));
    }
    const key = `${raw.name}\u0000${raw.environment}`;
    if (seen.has(key)) problems.push("name: appears twice in this file for the same environment");
    seen.add(key);
    const id = cell(row, "id");
    const before = id ? existing.get(id) : undefined;
    if (id && !before) problems.push(`id: no consumer ${id}`);
    if (before && reach === "own" && before.ownerId !== ctx.userId) problems.push("You can only change consumers you own");
    if (!input || problems.length) return { line, messages: problems };
    const ownerId = reach === "all" ? (input.ownerId ?? null) : ctx.userId;
    if (reach === "own" && input.ownerId && input.ownerId !== ctx.userId) return { line, messages: ["owner: you can only import consumers you own"] };
    const data = { ...consumerData(input), ownerId };
    const label = `${input.kind} ${input.name}`;
    if (before) {
      const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => before[k] !== data[k]);
      if (changed.length === 0) return { line, action: "unchanged", label, apply: async () => {} };
      return {
        line,
        action: "update",
        label,
        apply: async (tx, c) => {
          const after = await tx.consumer.update({ where: { id: before.id }, data });
          await recordAudit(tx, c.actor, { action: "consumer.update", targetType: "Consumer", targetId: before.id, summary: `Updated ${label} by CSV import (${changed.join(", ")})`, before, after });
        },
      };
    }
    return {
      line,
      action: "create",
      label,
      apply: async (tx, c) => {
        const clash = await tx.consumer.findFirst({ where: { name: data.name, environment: data.environment }, select: { id: true } });
        if (clash) throw invalid(`Line ${line}: a consumer named ${data.name} already exists in ${data.environment}`);
        const created = await tx.consumer.create({ data });
        await recordAudit(tx, c.actor, { action: "consumer.create", targetType: "Consumer", targetId: created.id, summary: `Created ${label} by CSV import`, after: created });
      },
    };
  });
}

async function consumersByName(rows: Record<string, string>[]) {
  const names = [...new Set(rows.map((r) => cell(r, "consumer")).filter(Boolean))];
  return db.consumer.findMany({ where: { name: { in: names } }, select: { id: true, name: true, kind: true, environment: true, ownerId: true, status: true } });
}

function pickConsumer(all: Awaited<ReturnType<typeof consumersByName>>, row: Record<string, string>, problems: string[]) {
  const matches = all.filter(
    (c) => c.name === cell(row, "consumer") && (!cell(row, "consumerKind") || c.kind === cell(row, "consumerKind")) && (!cell(row, "consumerEnvironment") || c.environment === cell(row, "consumerEnvironment")),
  );
  if (matches.length === 0) problems.push(`consumer: no consumer named "${cell(row, "consumer")}"`);
  if (matches.length > 1) problems.push(`consumer: "${cell(row, "consumer")}" names several consumers; add consumerEnvironment`);
  return matches.length === 1 ? matches[0] : undefined;
}

async function planCredentials(ctx: Ctx, rows: Record<string, string>[]): Promise<(Planned | RowError)[]> {
  const reach = requirePermission(ctx, "credential.create");
  const consumers = await consumersByName(rows);
  return rows.map((row, i): Planned | RowError => {
    const line = i + 2;
    const problems: string[] = [];
    const consumer = pickConsumer(consumers, row, problems);
    if (consumer && reach === "own" && consumer.ownerId !== ctx.userId) problems.push("consumer: you can only add credentials to consumers you own");
    let input: z.infer<typeof credentialInput> | null = null;
    try {
      input = parseInput(credentialInput, {
        consumerId: consumer?.id ?? "",
        label: cell(row, "label"),
        type: cell(row, "type"),
        lastRotatedAt: cell(row, "lastRotatedAt"),
        expiresAt: cell(row, "expiresAt"),
        accessTokenTtlSeconds: cell(row, "accessTokenTtlSeconds"),
        refreshTokenTtlSeconds: cell(row, "refreshTokenTtlSeconds"),
        senderConstraint: orUndefined(cell(row, "senderConstraint")),
        audience: cell(row, "audience"),
      });
    } catch (error) {
      problems.push(...messagesOf(error));
    }
    if (!input || !consumer || problems.length) return { line, messages: problems };
    const facts = credentialFacts(input);
    return {
      line,
      action: "create",
      label: `${facts.label} for ${consumer.name}`,
      apply: async (tx, c) => {
        const created = await tx.credential.create({ data: { ...facts, consumers: { create: { consumerId: consumer.id } } } });
        await recordAudit(tx, c.actor, { action: "credential.create", targetType: "Credential", targetId: created.id, summary: `Added ${facts.type} credential ${facts.label} to ${consumer.name} by CSV import`, after: created });
      },
    };
  });
}

// A grant whose end date the file leaves as it was may have ended already.
const grantKeepingEnd = grantInput.extend({ expiresAt: z.coerce.date().optional() });

async function planGrants(ctx: Ctx, rows: Record<string, string>[]): Promise<(Planned | RowError)[]> {
  const apiScope = ownedWhere(ctx, "grant.create", "ownerId");
  const consumers = await consumersByName(rows);
  const apis = await db.api.findMany({
    where: { name: { in: [...new Set(rows.map((r) => cell(r, "api")))] } },
    select: { id: true, name: true, environment: true, ownerId: true, lifecycle: true, scopes: { select: { id: true, name: true } } },
  });
  const ids = rows.map((r) => cell(r, "id")).filter(Boolean);
  const existing = new Map(
    (await db.grant.findMany({ where: { id: { in: ids } }, include: { scopes: { select: { scopeId: true } }, api: { select: { ownerId: true } } } })).map((g) => [g.id, g]),
  );
  return rows.map((row, i): Planned | RowError => {
    const line = i + 2;
    const problems: string[] = [];
    const consumer = pickConsumer(consumers, row, problems);
    const candidates = apis.filter((a) => a.name === cell(row, "api") && (!cell(row, "apiEnvironment") || a.environment === cell(row, "apiEnvironment")));
    const api = candidates.length === 1 ? candidates[0] : undefined;
    if (candidates.length === 0) problems.push(`api: no API named "${cell(row, "api")}"${cell(row, "apiEnvironment") ? ` in ${cell(row, "apiEnvironment")}` : ""}`);
    if (candidates.length > 1) problems.push(`api: "${cell(row, "api")}" names several APIs; add apiEnvironment`);
    if (api && "ownerId" in apiScope && api.ownerId !== ctx.userId) problems.push("api: you can only grant access to APIs you own");
    const scopeNames = cell(row, "scopes").split(/\s+/).filter(Boolean);
    const unknown = api ? scopeNames.filter((n) => !api.scopes.some((s) => s.name === n)) : [];
    if (unknown.length) problems.push(`scopes: ${api!.name} declares no ${unknown.join(", ")}`);
    let input: z.infer<typeof grantInput> | null = null;
    const id = cell(row, "id");
    const before = id ? existing.get(id) : undefined;
    if (id && !before) problems.push(`id: no grant ${id}`);
    // A row naming a grant speaks of that grant only: its consumer and API must be the grant's,
    // so scope names are never read against another API than the one the grant opens.
    if (before && consumer && before.consumerId !== consumer.id) problems.push(`consumer: grant ${before.id} belongs to another consumer`);
    if (before && api && before.apiId !== api.id) problems.push(`api: grant ${before.id} is on another API`);
    if (before && problems.length) return { line, messages: problems };
    // An ended grant is history: its row in an export comes back unchanged.
    if (before && !(LIVE_GRANT_STATUSES as readonly string[]).includes(before.status)) return { line, action: "unchanged", label: before.id, apply: async () => {} };
    // A kept end date may lie in the past; a new or changed one must not.
    const keptEnd = before?.expiresAt && before.expiresAt.toISOString().slice(0, 10) === cell(row, "expiresAt");
    try {
      input = parseInput(keptEnd ? grantKeepingEnd : grantInput, {
        consumerId: consumer?.id ?? "",
        apiId: api?.id ?? "",
        scopeIds: api ? scopeNames.map((n) => api.scopes.find((s) => s.name === n)?.id).filter(Boolean) : [],
        justification: cell(row, "justification"),
        expiresAt: cell(row, "expiresAt"),
      });
    } catch (error) {
      problems.push(...messagesOf(error));
    }
    if (!input || !consumer || !api || problems.length) return { line, messages: problems };
    const label = `${consumer.name} on ${api.name}`;
    const scopeIds = [...new Set(input.scopeIds)].sort();
    const expiresAt = input.expiresAt ?? null;
    if (before) {
      const sameScopes = JSON.stringify(before.scopes.map((s) => s.scopeId).sort()) === JSON.stringify(scopeIds);
      const sameEnd = (before.expiresAt?.toISOString().slice(0, 10) ?? "") === (expiresAt?.toISOString().slice(0, 10) ?? "");
      if (sameScopes && sameEnd && before.justification === input.justification) return { line, action: "unchanged", label, apply: async () => {} };
      // Changing a grant is the right of its API's owner: the grant's API, checked here, not the row's.
      if ("ownerId" in apiScope && before.api.ownerId !== ctx.userId) return { line, messages: ["id: you can only change grants on APIs you own"] };
      return {
        line,
        action: "update",
        label,
        apply: async (tx, c) => {
          await tx.grantScope.deleteMany({ where: { grantId: before.id, scopeId: { notIn: scopeIds } } });
          const held = new Set(before.scopes.map((s) => s.scopeId));
          await tx.grantScope.createMany({ data: scopeIds.filter((s) => !held.has(s)).map((scopeId) => ({ grantId: before.id, scopeId })) });
          const after = await tx.grant.update({ where: { id: before.id }, data: { justification: input.justification, ...(sameEnd ? {} : { expiresAt }) } });
          await recordAudit(tx, c.actor, { action: "grant.update", targetType: "Grant", targetId: before.id, summary: `Changed grant ${label} by CSV import`, before, after: { ...after, scopeIds } });
        },
      };
    }
    return {
      line,
      action: "create",
      label,
      apply: async (tx, c) => {
        if (api.lifecycle === "RETIRED") throw invalid(`Line ${line}: ${api.name} is retired`);
        const live = await tx.grant.findFirst({ where: { consumerId: consumer.id, apiId: api.id, status: { in: [...LIVE_GRANT_STATUSES] } }, select: { id: true } });
        if (live) throw invalid(`Line ${line}: ${label} already has a live grant; give its id to change it`);
        const created = await tx.grant.create({
          data: { consumerId: consumer.id, apiId: api.id, origin: "IMPORT", justification: input.justification, expiresAt, grantedById: personOf(c), approvedById: personOf(c), scopes: { create: scopeIds.map((scopeId) => ({ scopeId })) } },
        });
        await recordAudit(tx, c.actor, { action: "grant.create", targetType: "Grant", targetId: created.id, summary: `Granted ${label} by CSV import`, after: { ...created, scopeIds } });
      },
    };
  });
}

const PLANNERS: Record<ImportKind, { columns: string[]; plan: (ctx: Ctx, rows: Record<string, string>[]) => Promise<(Planned | RowError)[]> }> = {
  consumers: { columns: ["name", "kind", "environment", "team"], plan: planConsumers },
  credentials: { columns: ["consumer", "label", "type"], plan: planCredentials },
  grants: { columns: ["consumer", "api", "scopes", "justification"], plan: planGrants },
};

async function plan(ctx: Ctx, raw: unknown) {
  const { kind, csv } = parseInput(csvImportInput, raw);
  const { rows, fields } = parseCsv(csv);
  requireColumns(fields, PLANNERS[kind].columns);
  if (rows.length === 0) throw invalid("Some fields need attention.", { csv: ["The file has a header but no rows"] });
  if (rows.length > 20_000) throw invalid("Some fields need attention.", { csv: ["At most 20,000 rows per file"] });
  const planned = await PLANNERS[kind].plan(ctx, rows);
  const errors = planned.filter((p): p is RowError => "messages" in p);
  const ok = planned.filter((p): p is Planned => "action" in p);
  const preview: CsvPreview = {
    kind,
    rows: rows.length,
    create: ok.filter((p) => p.action === "create").length,
    update: ok.filter((p) => p.action === "update").length,
    unchanged: ok.filter((p) => p.action === "unchanged").length,
    errors,
  };
  return { preview, ok };
}

/** What the file would do, row by row, and every bad row by line; writes nothing. */
export async function previewCsvImport(ctx: Ctx, raw: unknown): Promise<CsvPreview> {
  return (await plan(ctx, raw)).preview;
}

/** Writes the whole file in one transaction, or nothing if any row is bad. */
export async function applyCsvImport(ctx: Ctx, raw: unknown): Promise<CsvPreview> {
  const { preview, ok } = await plan(ctx, raw);
  if (preview.errors.length) {
    throw invalid(`Nothing was imported: ${preview.errors.length} row(s) need attention.`, Object.fromEntries(preview.errors.map((e) => [`line ${e.line}`, e.messages])));
  }
  await db.$transaction(
    async (tx) => {
      for (const row of ok) await row.apply(tx, ctx);
    },
    { timeout: 300_000 },
  );
  return preview;
}

export const CSV_KIND_LABELS: Record<ImportKind, string> = { consumers: "Consumers", credentials: "Credentials", grants: "Grants" };
