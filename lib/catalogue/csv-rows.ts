// From CSV rows to catalogue commands: names become ids (a team by name, an owner by email, a
// consumer by name, kind and environment, an API by name and environment, scopes by name within
// the grant's own API), cells become values (csv-cells.ts), and each row becomes the commands it
// asks for. A row may change what forms change, and state as forms can: suspend, decommission,
// revoke. It never re-activates what was revoked, expired or decommissioned: that is a request.
// History (creation, last use, review) is taken from a row that creates, never rewritten by one
// that updates. Nothing here authorizes or writes: the commands do (csv-import.ts runs them).
import { ConsumerStatus, GrantOrigin, GrantStatus } from "@/lib/generated/prisma/enums";
import type { Ctx } from "@/lib/server/authz";
import { runCommand, type Nested } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import { decommissionConsumer } from "./commands/decommission-consumer";
import { suspendGrant, resumeGrant } from "./commands/grant-status";
import { importConsumer } from "./commands/import-consumer";
import { importGrant } from "./commands/import-grant";
import { createCredential } from "./commands/create-credential";
import { revokeGrant } from "./commands/revoke-grant";
import { suspendConsumer } from "./commands/suspend-consumer";
import { updateConsumer } from "./commands/update-consumer";
import { updateGrant } from "./commands/update-grant";
import { choiceCell, dateCell, yesNoCell, type Cell } from "./csv-cells";
import { parseIdentitiesCell } from "./identities";

export type CsvRow = Record<string, string>;
export type Outcome = "create" | "update" | "unchanged";
type Step = (ctx: Ctx, nested: Nested) => Promise<boolean>;
/** What a row did; a row that creates names the record it created. */
export type RowDone = { outcome: Outcome; created?: string };
/**
 * The existing records a row may change, so that an import written in chunks can keep them as
 * they were (csv-undo.ts): consumers and grants by id, and consumers the row decommissions,
 * whose live grants and credentials are revoked with them.
 */
export type Touches = { consumers?: string[]; grants?: string[]; decommissions?: string[] };
/**
 * A row's commands, or why it cannot run. `key` names the record the row writes: two rows of one
 * file may not write the same one (the second would meet the first only when they are written).
 */
export type RowPlan = { messages: string[] } | { run: (ctx: Ctx, nested: Nested) => Promise<RowDone>; key?: string; touches: Touches };

const cell = (row: CsvRow, key: string) => (row[key] ?? "").trim();
const orUndefined = (value: string) => (value === "" ? undefined : value);
const unique = (values: string[]) => [...new Set(values.filter(Boolean))];
const BY_IMPORT = "By CSV import";

/** Reads cells, collecting what is wrong with them. */
function reader(problems: string[]) {
  return <T>(result: Cell<T>): T | undefined => {
    if (result.ok) return result.value;
    problems.push(result.message);
    return undefined;
  };
}

/** An update row: its field changes first (while what it changes is still live), then its change of state. */
function updating(fields: Step, state: Step | null, key: string, touches: Touches): RowPlan {
  return {
    key,
    touches,
    run: async (ctx, nested) => {
      const changed = await fields(ctx, nested);
      const moved = state ? await state(ctx, nested) : false;
      return { outcome: changed || moved ? "update" : "unchanged" };
    },
  };
}

/** A row that creates one record with one command. */
function creating(key: string | undefined, create: (ctx: Ctx, nested: Nested) => Promise<{ id: string }>): RowPlan {
  return { key, touches: {}, run: async (ctx, nested) => ({ outcome: "create", created: (await create(ctx, nested)).id }) };
}

export async function consumerRows(tx: Tx, rows: CsvRow[]): Promise<RowPlan[]> {
  const [teams, users, roles, existing] = await Promise.all([
    tx.team.findMany({ where: { name: { in: unique(rows.map((r) => cell(r, "team"))) } }, select: { id: true, name: true } }),
    tx.user.findMany({ where: { email: { in: unique(rows.map((r) => cell(r, "owner").toLowerCase())) } }, select: { id: true, email: true } }),
    tx.jobRole.findMany({ where: { name: { in: unique(rows.map((r) => cell(r, "comparableRole"))) } }, select: { id: true, name: true } }),
    tx.consumer.findMany({ where: { id: { in: unique(rows.map((r) => cell(r, "id"))) } }, select: { id: true, status: true } }),
  ]);
  const statusOf = new Map(existing.map((c) => [c.id, c.status]));
  return rows.map((row): RowPlan => {
    const problems: string[] = [];
    const read = reader(problems);
    const team = teams.find((t) => t.name === cell(row, "team"));
    if (!team) problems.push(`team: no team named "${cell(row, "team")}"`);
    const ownerEmail = cell(row, "owner").toLowerCase();
    const owner = users.find((u) => u.email === ownerEmail);
    if (ownerEmail && !owner) problems.push(`owner: no user ${ownerEmail}`);
    const roleName = cell(row, "comparableRole");
    const role = roles.find((r) => r.name === roleName);
    if (roleName && !role) problems.push(`comparableRole: no human role named "${roleName}"`);
    const isCiPipeline = read(yesNoCell("isCiPipeline", cell(row, "isCiPipeline")));
    const status = read(choiceCell("status", cell(row, "status"), Object.values(ConsumerStatus), "ACTIVE"));
    const createdAt = read(dateCell("createdAt", cell(row, "createdAt")));
    const decommissionedAt = read(dateCell("decommissionedAt", cell(row, "decommissionedAt")));
    const id = cell(row, "id");
    const current = id ? statusOf.get(id) : undefined;
    if (id && !current) problems.push(`id: no consumer ${id}`);
    if (current && status && current !== status && status === "ACTIVE") {
      problems.push(`status: a ${current.toLowerCase()} consumer is not made active again by import; an administrator decides that`);
    }
    if (current === "DECOMMISSIONED" && status !== "DECOMMISSIONED") problems.push("status: a decommissioned consumer stays decommissioned");
    if (problems.length || !status) return { messages: problems };
    const fields = {
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
      isCiPipeline: isCiPipeline ?? false,
      // A file without the column (from before identities) leaves them as they are.
      ...("identities" in row && { identities: parseIdentitiesCell(cell(row, "identities")) }),
    };
    if (!id) {
      const input = { ...fields, status, createdAt, decommissionedAt };
      return creating(`consumer ${fields.name} in ${fields.environment}`, (ctx, nested) => runCommand(importConsumer, ctx, input, nested));
    }
    const update: Step = async (ctx, nested) => (await runCommand(updateConsumer, ctx, { ...fields, id }, nested)).changed;
    const transition: Step | null =
      status === current
        ? null
        : status === "SUSPENDED"
          ? async (ctx, nested) => (await runCommand(suspendConsumer, ctx, { id, reason: BY_IMPORT }, nested), true)
          : async (ctx, nested) => (await runCommand(decommissionConsumer, ctx, { id, reason: BY_IMPORT }, nested), true);
    const touches = { consumers: [id], ...(status === "DECOMMISSIONED" && current !== status && { decommissions: [id] }) };
    return updating(update, transition, `consumer ${id}`, touches);
  });
}

type ConsumerRef = { id: string; name: string; kind: string; environment: string; identities: { value: string }[] };

// A file names a consumer by its name, or as gateways do, by one of its identities.
async function consumersNamed(tx: Tx, rows: CsvRow[]): Promise<ConsumerRef[]> {
  const names = unique(rows.map((r) => cell(r, "consumer")));
  return tx.consumer.findMany({
    where: { OR: [{ name: { in: names } }, { identities: { some: { value: { in: names } } } }] },
    select: { id: true, name: true, kind: true, environment: true, identities: { select: { value: true } } },
  });
}

function pickConsumer(all: ConsumerRef[], row: CsvRow, problems: string[]) {
  const named = cell(row, "consumer");
  const matches = all.filter(
    (c) =>
      (c.name === named || c.identities.some((i) => i.value === named)) &&
      (!cell(row, "consumerKind") || c.kind === cell(row, "consumerKind")) &&
      (!cell(row, "consumerEnvironment") || c.environment === cell(row, "consumerEnvironment")),
  );
  if (matches.length === 0) problems.push(`consumer: no consumer is named or identified as "${cell(row, "consumer")}"`);
  if (matches.length > 1) problems.push(`consumer: "${cell(row, "consumer")}" names several consumers; add consumerEnvironment`);
  return matches.length === 1 ? matches[0] : undefined;
}

export async function credentialRows(tx: Tx, rows: CsvRow[]): Promise<RowPlan[]> {
  const consumers = await consumersNamed(tx, rows);
  return rows.map((row): RowPlan => {
    const problems: string[] = [];
    const read = reader(problems);
    const consumer = pickConsumer(consumers, row, problems);
    const lastRotatedAt = read(dateCell("lastRotatedAt", cell(row, "lastRotatedAt")));
    const expiresAt = read(dateCell("expiresAt", cell(row, "expiresAt")));
    if (!consumer || problems.length) return { messages: problems };
    const input = {
      consumerId: consumer.id,
      label: cell(row, "label"),
      type: cell(row, "type"),
      lastRotatedAt,
      expiresAt,
      accessTokenTtlSeconds: cell(row, "accessTokenTtlSeconds"),
      refreshTokenTtlSeconds: cell(row, "refreshTokenTtlSeconds"),
      senderConstraint: orUndefined(cell(row, "senderConstraint")),
      audience: cell(row, "audience"),
    };
    return creating(undefined, (ctx, nested) => runCommand(createCredential, ctx, input, nested));
  });
}

const day = (date: Date | null | undefined) => date?.toISOString().slice(0, 10) ?? "";
const LIVE: readonly string[] = ["ACTIVE", "PENDING", "SUSPENDED"];

/** What a grant row's status asks of a grant in `current`: a step, none, or why it cannot. */
function grantTransition(id: string, current: string, wanted: string): Step | null | string {
  if (wanted === current) return null;
  if (!LIVE.includes(current)) return `status: ${current.toLowerCase()} access is not given back by import; request it`;
  if (wanted === "REVOKED") return async (ctx, nested) => (await runCommand(revokeGrant, ctx, { id, reason: BY_IMPORT }, nested), true);
  if (wanted === "SUSPENDED") return async (ctx, nested) => (await runCommand(suspendGrant, ctx, { id, reason: BY_IMPORT }, nested), true);
  if (wanted === "ACTIVE" && current === "SUSPENDED")
    return async (ctx, nested) => (await runCommand(resumeGrant, ctx, { id, reason: BY_IMPORT }, nested), true);
  if (wanted === "EXPIRED") return "status: a grant expires by its end date; set expiresAt, or revoke it";
  return `status: a ${current.toLowerCase()} grant cannot become ${wanted.toLowerCase()} by import`;
}

export async function grantRows(tx: Tx, rows: CsvRow[]): Promise<RowPlan[]> {
  const consumers = await consumersNamed(tx, rows);
  // An API by its name, or by an audience or base URL, as gateways name it.
  const apiNames = unique(rows.map((r) => cell(r, "api")));
  const addressed = unique(apiNames.map((n) => n.replace(/\/+$/, "")));
  const apis = await tx.api.findMany({
    where: { OR: [{ name: { in: apiNames } }, { addresses: { some: { value: { in: addressed } } } }] },
    select: { id: true, name: true, environment: true, scopes: { select: { id: true, name: true } }, addresses: { select: { value: true } } },
  });
  const existing = new Map(
    (
      await tx.grant.findMany({
        where: { id: { in: unique(rows.map((r) => cell(r, "id"))) } },
        select: { id: true, consumerId: true, apiId: true, expiresAt: true, status: true },
      })
    ).map((g) => [g.id, g]),
  );
  return rows.map((row): RowPlan => {
    const problems: string[] = [];
    const read = reader(problems);
    const consumer = pickConsumer(consumers, row, problems);
    const apiNamed = cell(row, "api");
    const candidates = apis.filter(
      (a) =>
        (a.name === apiNamed || a.addresses.some((x) => x.value === apiNamed.replace(/\/+$/, ""))) &&
        (!cell(row, "apiEnvironment") || a.environment === cell(row, "apiEnvironment")),
    );
    const api = candidates.length === 1 ? candidates[0] : undefined;
    if (candidates.length === 0)
      problems.push(
        `api: no API has the name, audience or base URL "${cell(row, "api")}"${cell(row, "apiEnvironment") ? ` in ${cell(row, "apiEnvironment")}` : ""}`,
      );
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
    const status = read(choiceCell("status", cell(row, "status"), Object.values(GrantStatus), before?.status ?? "ACTIVE"));
    const origin = read(choiceCell("origin", cell(row, "origin"), Object.values(GrantOrigin), "IMPORT"));
    const expires = read(dateCell("expiresAt", cell(row, "expiresAt")));
    const history = {
      createdAt: read(dateCell("createdAt", cell(row, "createdAt"))),
      lastUsedAt: read(dateCell("lastUsedAt", cell(row, "lastUsedAt"))),
      lastReviewedAt: read(dateCell("lastReviewedAt", cell(row, "lastReviewedAt"))),
      revokedAt: read(dateCell("revokedAt", cell(row, "revokedAt"))),
    };
    const transition = before && status ? grantTransition(before.id, before.status, status) : null;
    if (typeof transition === "string") problems.push(transition);
    if (!consumer || !api || !status || !origin || problems.length) return { messages: problems };
    const scopeIds = scopeNames.flatMap((n) => api.scopes.filter((s) => s.name === n).map((s) => s.id));
    const justification = cell(row, "justification");
    if (before) {
      // Exports carry the end date to the day: the same day keeps the grant's exact end.
      const expiresAt = day(before.expiresAt) === day(expires) ? before.expiresAt : expires;
      const fields: Step = async (ctx, nested) => (await runCommand(updateGrant, ctx, { id: before.id, scopeIds, justification, expiresAt }, nested)).changed;
      return updating(fields, typeof transition === "function" ? transition : null, `grant ${before.id}`, { grants: [before.id] });
    }
    const input = { consumerId: consumer.id, apiId: api.id, scopeIds, justification, expiresAt: expires, status, origin, ...history };
    // A consumer holds one live grant per API; records of past access may repeat.
    const key = LIVE.includes(status) ? `live grant of ${consumer.name} on ${api.name}` : undefined;
    return creating(key, (ctx, nested) => runCommand(importGrant, ctx, input, nested));
  });
}
