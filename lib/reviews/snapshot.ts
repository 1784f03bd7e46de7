// Freezing grants into review items: the grant as it is at launch, read in batches with
// a fixed number of queries per batch, then judged by the pure recommend().
import type { Prisma } from "@/lib/generated/prisma/client";
import { Sql } from "@/lib/sql/dialect";
import { z } from "zod";
import {
  AccessLevel,
  CredentialType,
  DataClassification,
  Environment,
  Exposure,
  FindingRule,
  GrantOrigin,
  SenderConstraint,
  Severity,
} from "@/lib/generated/prisma/enums";
import { sqlFlag, sqlNumber, sqlTime } from "@/lib/sql/rows";
import type { Policy } from "@/lib/policy/policy";
import { type RowReader, toDate, toIso } from "@/lib/server/driver";
import { provider } from "@/lib/server/db";
import { recommend, type Recommendation } from "./recommend";
import { snapshotSchema, type Snapshot } from "./schemas";

// Small, shared parts (APIs, consumers with their credentials, scopes with their operations,
// job roles) are read once per launch and cached; per batch only the grants, their scopes and
// their findings are read, each by the batch's id list, and the parts not seen before.
// Everything is read with plain SQL (a RowReader): Prisma's nested includes and row conversion
// cost several times the query itself at a hundred thousand grants, and a launch reads beside
// its transaction, on connections of its own (launch.ts).
const grantSelect = {
  id: true,
  consumerId: true,
  apiId: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastReviewedAt: true,
  origin: true,
  justification: true,
} satisfies Prisma.GrantSelect;
// Times stay ISO 8601 text from the row to the snapshot: a Date in between, for every grant
// and scope of a launch, was a measurable share of its time.
type GrantRow = Omit<Prisma.GrantGetPayload<{ select: typeof grantSelect }>, "createdAt" | "expiresAt" | "lastUsedAt" | "lastReviewedAt"> & {
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastReviewedAt: string | null;
};
const GRANT_COLUMNS = Object.keys(grantSelect);

type Credential = Prisma.CredentialGetPayload<object>;
type CredentialPart = Pick<
  Credential,
  "id" | "label" | "type" | "accessTokenTtlSeconds" | "lastRotatedAt" | "createdAt" | "senderConstraint" | "expiresAt" | "leakedAt"
>;
// The consumer as a snapshot freezes it does not depend on the launch's moment, so the reader
// builds it once; only the credentials' ages do (consumerView).
type ConsumerPart = {
  id: string;
  frozen: Snapshot["consumer"];
  credentials: CredentialPart[];
  /** The comparable human role's scopes, for an agent's baseline. */
  baseline: Set<string> | null;
};
type ScopePart = Pick<Prisma.ScopeGetPayload<object>, "id" | "name" | "level" | "description"> & { operations: string[] };

// Raw rows carry times as the driver returns them (sqlTime: converted with toIso or toDate where
// used) and booleans as 0/1 on SQLite (sqlFlag).
const grantRowSchema = z.object({
  id: z.string(),
  consumerId: z.string(),
  apiId: z.string(),
  createdAt: sqlTime,
  expiresAt: sqlTime.nullable(),
  lastUsedAt: sqlTime.nullable(),
  lastReviewedAt: sqlTime.nullable(),
  origin: z.enum(GrantOrigin),
  justification: z.string(),
});

// Every field written out, not spread: a launch makes one of these per grant, and an object
// built from spreads of spreads cost several times its size in garbage.
function grantForReview(r: z.infer<typeof grantRowSchema>, parts: Pick<GrantForReview, "api" | "consumer" | "scopes" | "findings">): GrantForReview {
  return {
    id: r.id,
    consumerId: r.consumerId,
    apiId: r.apiId,
    createdAt: isoOf(r.createdAt),
    expiresAt: toIso(r.expiresAt),
    lastUsedAt: toIso(r.lastUsedAt),
    lastReviewedAt: toIso(r.lastReviewedAt),
    origin: r.origin,
    justification: r.justification,
    api: parts.api,
    consumer: parts.consumer,
    scopes: parts.scopes,
    findings: parts.findings,
  };
}

const isoOf = (time: string | Date) => (typeof time === "string" ? (toIso(time) ?? time) : time.toISOString());
const dateOf = (time: string | Date) => (typeof time === "string" ? new Date(time) : time);

// The consumer as the snapshot keeps it, as far as one row holds it.
const consumerRow = snapshotSchema.shape.consumer
  .pick({ id: true, name: true, kind: true, status: true, environment: true, ownerId: true, autonomy: true, ownerName: true })
  .extend({ comparableRoleId: z.string().nullable(), ownerActive: sqlFlag.nullable() });
const credentialRow = z.object({
  consumerId: z.string(),
  id: z.string(),
  label: z.string(),
  type: z.enum(CredentialType),
  accessTokenTtlSeconds: sqlNumber.nullable(),
  lastRotatedAt: sqlTime.nullable(),
  createdAt: sqlTime,
  senderConstraint: z.enum(SenderConstraint),
  expiresAt: sqlTime.nullable(),
  leakedAt: sqlTime.nullable(),
});
const scopeRow = z.object({ id: z.string(), name: z.string(), level: z.enum(AccessLevel), description: z.string() });
const apiRow = z.object({
  id: z.string(),
  name: z.string(),
  environment: z.enum(Environment),
  exposure: z.enum(Exposure),
  classification: z.enum(DataClassification),
  ownerId: z.string().nullable(),
  declaredScopes: sqlNumber,
});
type ApiPart = z.infer<typeof apiRow>;
const roleRow = z.object({ id: z.string(), name: z.string(), scopeId: z.string().nullable() });
const operationRow = z.object({ scopeId: z.string(), method: z.string(), path: z.string() });
const heldRow = z.object({ grantId: z.string(), scopeId: z.string(), lastUsedAt: sqlTime.nullable() });
const findingRow = z.object({ grantId: z.string(), rule: z.enum(FindingRule), severity: z.enum(Severity), explanation: z.string() });

export type GrantForReview = GrantRow & {
  api: ApiPart;
  consumer: ConsumerPart;
  scopes: { lastUsedAt: string | null; scope: ScopePart }[];
  findings: { rule: string; severity: string; explanation: string }[];
};

async function fillMissing<T extends { id: string }>(cache: Map<string, T>, ids: string[], read: (missing: string[]) => Promise<T[]>) {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  for (let i = 0; i < missing.length; i += 5000) for (const row of await read(missing.slice(i, i + 5000))) cache.set(row.id, row);
}

function groupBy<T, V>(rows: T[], key: (row: T) => string, value: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(value(row));
    else groups.set(key(row), [value(row)]);
  }
  return groups;
}

type RolePart = { id: string; name: string; scopeIds: Set<string> };

async function readConsumers(rows: RowReader, ids: string[], roles: Map<string, RolePart>): Promise<ConsumerPart[]> {
  const q = new Sql(provider());
  const consumers = await rows(
    q.statement(`SELECT c.id, c.name, c.kind, c.status, c.environment, c."ownerId", c.autonomy, c."comparableRoleId", u.name AS "ownerName", u.active AS "ownerActive"
      FROM "Consumer" c LEFT JOIN "User" u ON u.id = c."ownerId" WHERE ${q.inList("c.id", ids)}`),
    consumerRow,
  );
  const credentials = await rows(
    q.statement(`SELECT cc."consumerId", cr.id, cr.label, cr.type, cr."accessTokenTtlSeconds", cr."lastRotatedAt", cr."createdAt", cr."senderConstraint", cr."expiresAt", cr."leakedAt"
      FROM "ConsumerCredential" cc JOIN "Credential" cr ON cr.id = cc."credentialId" WHERE cr."revokedAt" IS NULL AND ${q.inList('cc."consumerId"', ids)} ORDER BY cc."consumerId", cr.id`),
    credentialRow,
  );
  const held = groupBy(
    credentials,
    (c) => c.consumerId,
    (c): CredentialPart => ({
      id: c.id,
      label: c.label,
      type: c.type,
      accessTokenTtlSeconds: c.accessTokenTtlSeconds,
      lastRotatedAt: toDate(c.lastRotatedAt),
      createdAt: dateOf(c.createdAt),
      senderConstraint: c.senderConstraint,
      expiresAt: toDate(c.expiresAt),
      leakedAt: toDate(c.leakedAt),
    }),
  );
  await fillMissing(
    roles,
    consumers.flatMap((c) => (c.comparableRoleId ? [c.comparableRoleId] : [])),
    (roleIds) => readRoles(rows, roleIds),
  );
  // Fields written out rather than spread (here and below): these stay for the whole launch,
  // and objects made by rest and spread each carried a hidden class of their own.
  return consumers.map((c): ConsumerPart => {
    const role = c.comparableRoleId ? roles.get(c.comparableRoleId) : undefined;
    return {
      id: c.id,
      frozen: {
        id: c.id,
        name: c.name,
        kind: c.kind,
        status: c.status,
        environment: c.environment,
        ownerId: c.ownerId,
        ownerName: c.ownerName,
        ownerActive: c.ownerName !== null && Boolean(c.ownerActive),
        autonomy: c.autonomy,
        comparableRole: role?.name ?? null,
      },
      credentials: held.get(c.id) ?? [],
      baseline: role?.scopeIds ?? null,
    };
  });
}

async function readRoles(rows: RowReader, ids: string[]): Promise<RolePart[]> {
  const q = new Sql(provider());
  const held = await rows(
    q.statement(`SELECT r.id, r.name, s."scopeId" FROM "JobRole" r LEFT JOIN "JobRoleScope" s ON s."roleId" = r.id WHERE ${q.inList("r.id", ids)}`),
    roleRow,
  );
  const roles = new Map<string, RolePart>();
  for (const r of held) {
    let role = roles.get(r.id);
    if (!role) roles.set(r.id, (role = { id: r.id, name: r.name, scopeIds: new Set() }));
    if (r.scopeId) role.scopeIds.add(r.scopeId);
  }
  return [...roles.values()];
}

async function readApis(rows: RowReader, ids: string[]): Promise<ApiPart[]> {
  const q = new Sql(provider());
  return rows(
    q.statement(`SELECT a.id, a.name, a.environment, a.exposure, a.classification, a."ownerId",
      (SELECT COUNT(*) FROM "Scope" s WHERE s."apiId" = a.id) AS "declaredScopes" FROM "Api" a WHERE ${q.inList("a.id", ids)}`),
    apiRow,
  );
}

async function readScopes(rows: RowReader, ids: string[]): Promise<ScopePart[]> {
  const q = new Sql(provider());
  const scopes = await rows(q.statement(`SELECT id, name, level, description FROM "Scope" WHERE ${q.inList("id", ids)}`), scopeRow);
  const operations = await rows(
    q.statement(
      `SELECT os."scopeId", o.method, o.path FROM "OperationScope" os JOIN "ApiOperation" o ON o.id = os."operationId" WHERE ${q.inList('os."scopeId"', ids)} ORDER BY o.path, o.method`,
    ),
    operationRow,
  );
  const permits = groupBy(
    operations,
    (o) => o.scopeId,
    (o) => `${o.method.toUpperCase()} ${o.path}`,
  );
  return scopes.map((s): ScopePart => ({ id: s.id, name: s.name, level: s.level, description: s.description, operations: permits.get(s.id) ?? [] }));
}

/**
 * A reader of grants for review by their ids. The caller reads the selection's ids once (one
 * indexed query) and hands them over a batch at a time, so no batch re-applies the selection.
 */
export function createGrantReader(rows: RowReader) {
  const apis = new Map<string, ApiPart>();
  const consumers = new Map<string, ConsumerPart>();
  const scopes = new Map<string, ScopePart>();
  const roles = new Map<string, RolePart>();
  return async function read(ids: string[]): Promise<GrantForReview[]> {
    if (ids.length === 0) return [];
    // The batch's grants, scopes and findings, read by its list of grant ids passed as one
    // parameter (no statement with thousands of placeholders): only the selected rows are read.
    // Sequential on purpose: inside a transaction there is one connection, one query at a time;
    // beside one (a launch on PostgreSQL), the reads are already hidden behind the writes.
    const q = new Sql(provider());
    const grants = await rows(
      q.statement(`SELECT ${GRANT_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "Grant" WHERE ${q.inList("id", ids)} ORDER BY id`),
      grantRowSchema,
    );
    const inBatch = q.inList('"grantId"', ids);
    const held = await rows(q.statement(`SELECT "grantId", "scopeId", "lastUsedAt" FROM "GrantScope" WHERE ${inBatch}`), heldRow);
    const findings = await rows(
      q.statement(
        `SELECT "grantId", ${q.text("rule")} AS rule, ${q.text("severity")} AS severity, explanation FROM "Finding" WHERE status = 'OPEN' AND ${inBatch}`,
      ),
      findingRow,
    );
    await fillMissing(
      apis,
      grants.map((g) => g.apiId),
      (missing) => readApis(rows, missing),
    );
    await fillMissing(
      scopes,
      held.map((h) => h.scopeId),
      (missing) => readScopes(rows, missing),
    );
    await fillMissing(
      consumers,
      grants.map((g) => g.consumerId),
      (missing) => readConsumers(rows, missing, roles),
    );
    const heldBy = groupBy(
      held,
      (h) => h.grantId,
      (h) => ({ lastUsedAt: toIso(h.lastUsedAt), scope: scopes.get(h.scopeId)! }),
    );
    const findingsOf = groupBy(
      findings,
      (f) => f.grantId,
      (f) => ({ rule: f.rule, severity: f.severity, explanation: f.explanation }),
    );
    return grants.map((g) =>
      grantForReview(g, {
        api: apis.get(g.apiId)!,
        consumer: consumers.get(g.consumerId)!,
        scopes: heldBy.get(g.id) ?? [],
        findings: findingsOf.get(g.id) ?? [],
      }),
    );
  };
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

type ConsumerView = { at: number; credentials: Snapshot["credentials"] };
// The reader hands out one object per consumer and API for a whole launch, so their frozen
// form is built once and shared by every item (and by the facts stored once per campaign).
const consumerViews = new WeakMap<ConsumerPart, ConsumerView>();
const apiViews = new WeakMap<ApiPart, Snapshot["api"]>();

function consumerView(c: ConsumerPart, now: Date): ConsumerView {
  const cached = consumerViews.get(c);
  if (cached && cached.at === now.getTime()) return cached;
  const view: ConsumerView = {
    at: now.getTime(),
    credentials: c.credentials.map((cr) => ({
      id: cr.id,
      label: cr.label,
      type: cr.type,
      accessTokenTtlSeconds: cr.accessTokenTtlSeconds,
      rotationAgeDays: Math.floor((now.getTime() - (cr.lastRotatedAt ?? cr.createdAt).getTime()) / 86_400_000),
      senderConstraint: cr.senderConstraint,
      expiresAt: iso(cr.expiresAt),
      leaked: cr.leakedAt !== null,
    })),
  };
  consumerViews.set(c, view);
  return view;
}

function apiView(a: ApiPart): Snapshot["api"] {
  let view = apiViews.get(a);
  if (!view)
    apiViews.set(
      a,
      (view = { id: a.id, name: a.name, environment: a.environment, exposure: a.exposure, classification: a.classification, declaredScopes: a.declaredScopes }),
    );
  return view;
}

export function toSnapshot(g: GrantForReview, now: Date): Snapshot {
  const baseline = g.consumer.baseline;
  const consumer = g.consumer.frozen;
  const { credentials } = consumerView(g.consumer, now);
  return {
    consumer,
    api: apiView(g.api),
    grant: {
      createdAt: g.createdAt,
      expiresAt: g.expiresAt,
      lastUsedAt: g.lastUsedAt,
      lastReviewedAt: g.lastReviewedAt,
      origin: g.origin,
      justification: g.justification,
    },
    scopes: g.scopes
      .map((gs) => ({
        id: gs.scope.id,
        name: gs.scope.name,
        level: gs.scope.level,
        description: gs.scope.description,
        lastUsedAt: gs.lastUsedAt,
        operations: gs.scope.operations,
        // Only an agent is measured against a comparable human role.
        beyondBaseline: consumer.kind === "AGENT" && baseline !== null && !baseline.has(gs.scope.id),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    credentials,
    findings: g.findings,
  };
}

/** The facts whose change makes an approved item worth a fresh look. */
export function reviewFingerprint(s: Snapshot): string {
  return JSON.stringify({
    scopes: s.scopes.map((x) => x.id).sort(),
    credentials: s.credentials.map((c) => [c.id, c.type, c.accessTokenTtlSeconds, c.senderConstraint, c.expiresAt, c.leaked]).sort(),
    findings: s.findings.map((f) => f.rule).sort(),
  });
}

export type FrozenItem = {
  grantId: string;
  consumerId: string;
  apiId: string;
  apiOwnerId: string | null;
  consumerOwnerId: string | null;
  snapshot: Snapshot;
  judged: Recommendation;
};

export function freeze(grants: GrantForReview[], policy: Policy, now: Date): FrozenItem[] {
  return grants.map((g) => {
    const snapshot = toSnapshot(g, now);
    return {
      grantId: g.id,
      consumerId: g.consumerId,
      apiId: g.apiId,
      apiOwnerId: g.api.ownerId,
      consumerOwnerId: g.consumer.frozen.ownerId,
      snapshot,
      judged: recommend(snapshot, policy, now),
    };
  });
}
