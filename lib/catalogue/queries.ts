// Reads of the catalogue. Each takes the caller's context and checks the permission
// table first; every console role may read the catalogue, a user without a role may not.
import type { Prisma } from "@/lib/generated/prisma/client";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { containsText, db, provider } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { type Cursor, type KeysetPage, keysetSegments, readKeyset, type Segment } from "@/lib/lists/keyset";
import { type Page, paged, pageWindow } from "@/lib/lists/params";
import { listTotal, type Total } from "@/lib/lists/total";
import { type BatchWindow, defined, inBatches } from "@/lib/lists/where";
import { countGrantsUpTo, estimateGrants } from "./grant-count";
import type { ApiListParams, ConsumerListParams, GrantListParams, RoleListParams } from "./schemas";

// ───────── APIs ─────────

function apiWhere(p: ApiListParams): Prisma.ApiWhereInput {
  return defined({
    environment: p.environment,
    exposure: p.exposure,
    classification: p.classification,
    lifecycle: p.lifecycle,
    teamId: p.teamId,
    ownerId: p.ownerId,
    OR: p.q ? [{ name: containsText(p.q) }, { description: containsText(p.q) }] : undefined,
  });
}

function apiOrder(p: ApiListParams): Prisma.ApiOrderByWithRelationInput[] {
  const primary: Prisma.ApiOrderByWithRelationInput = p.sort === "grants" ? { grants: { _count: p.dir } } : { [p.sort]: p.dir };
  return [primary, { id: "asc" }];
}

const apiFields = {
  id: true,
  name: true,
  environment: true,
  exposure: true,
  classification: true,
  lifecycle: true,
  gateway: true,
  createdAt: true,
  team: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true, email: true } },
} satisfies Prisma.ApiSelect;

/** A row of the APIs list: its fields and how many scopes and active grants it has (withCounts). */
export type ApiRow = Prisma.ApiGetPayload<{ select: typeof apiFields & { _count: { select: { scopes: true; grants: true } } } }>;

/**
 * A page of APIs with their scope and active-grant counts, counted for these APIs only by index:
 * Prisma's relation count (`_count` in the select) groups the whole grant table first, 1,000,000
 * grants for a page of 25 APIs.
 */
async function withCounts(apis: Prisma.ApiGetPayload<{ select: typeof apiFields }>[]): Promise<ApiRow[]> {
  const ids = apis.map((api) => api.id);
  if (ids.length === 0) return [];
  const [scopes, grants] = await Promise.all([
    db.scope.groupBy({ by: ["apiId"], where: { apiId: { in: ids } }, _count: { _all: true } }),
    db.grant.groupBy({ by: ["apiId"], where: { apiId: { in: ids }, status: "ACTIVE" }, _count: { _all: true } }),
  ]);
  const [scopesOf, grantsOf] = [countOf(scopes, "apiId"), countOf(grants, "apiId")];
  return apis.map((api) => ({ ...api, _count: { scopes: scopesOf(api.id), grants: grantsOf(api.id) } }));
}

/** Each id's count from a groupBy by `key`: none where the groupBy returned no row for it. */
function countOf<K extends string>(rows: (Record<K, string> & { _count: { _all: number } })[], key: K): (id: string) => number {
  const counts = new Map<unknown, number>(rows.map((row) => [row[key], row._count._all]));
  return (id) => counts.get(id) ?? 0;
}

/** A page (listApis) or a batch (exportApis) of APIs with their counts. */
const findApis = (where: Prisma.ApiWhereInput, p: ApiListParams, window: BatchWindow | ReturnType<typeof pageWindow>) =>
  db.api.findMany({ where, orderBy: apiOrder(p), select: apiFields, ...window }).then(withCounts);

export async function listApis(ctx: Ctx, p: ApiListParams): Promise<Page<ApiRow>> {
  requirePermission(ctx, "catalog.read");
  const where = apiWhere(p);
  return paged(
    p,
    (window) => findApis(where, p, window),
    () => db.api.count({ where }),
  );
}

export function exportApis(ctx: Ctx, p: ApiListParams) {
  requirePermission(ctx, "catalog.read");
  const where = apiWhere(p);
  return inBatches((window) => findApis(where, p, window));
}

export async function getApi(ctx: Ctx, id: string) {
  requirePermission(ctx, "catalog.read");
  const api = await db.api.findUnique({
    where: { id },
    include: {
      team: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true, email: true } },
      scopes: {
        orderBy: [{ level: "asc" }, { name: "asc" }],
        include: {
          _count: { select: { grants: true } },
          // Which operations each scope permits (from an imported OpenAPI document).
          operations: { select: { operation: { select: { method: true, path: true } } }, orderBy: { operation: { path: "asc" } }, take: 50 },
        },
      },
      addresses: { select: { kind: true, value: true }, orderBy: { createdAt: "asc" } },
      _count: { select: { grants: true, operations: true } },
    },
  });
  if (!api) throw notFound("The API");
  return api;
}

// ───────── consumers ─────────

function consumerWhere(p: ConsumerListParams): Prisma.ConsumerWhereInput {
  return defined({
    kind: p.kind,
    status: p.status,
    environment: p.environment,
    teamId: p.teamId,
    ownerId: p.ownerId,
    comparableRoleId: p.roleId,
    findings: p.finding ? { some: { rule: p.finding, status: "OPEN" } } : undefined,
    OR: p.q
      ? [{ name: containsText(p.q) }, { description: containsText(p.q) }, { partnerOrg: containsText(p.q) }]
      : p.ownerless
        ? [{ ownerId: null }, { owner: { active: false } }]
        : undefined,
    // A search and "ownerless" together: both must hold.
    AND: p.q && p.ownerless ? [{ OR: [{ ownerId: null }, { owner: { active: false } }] }] : undefined,
  });
}

const consumerRow = {
  id: true,
  kind: true,
  name: true,
  status: true,
  environment: true,
  autonomy: true,
  partnerOrg: true,
  isCiPipeline: true,
  createdAt: true,
  team: { select: { id: true, name: true } },
  owner: { select: { id: true, name: true, email: true, active: true } },
  comparableRole: { select: { id: true, name: true } },
} satisfies Prisma.ConsumerSelect;

export type ConsumerRow = Prisma.ConsumerGetPayload<{ select: typeof consumerRow }> & { _count: { grants: number; credentials: number } };

/**
 * Active grants and credentials per consumer of one page, counted for those ids only: Prisma's
 * relation _count aggregates the whole Grant table first, seconds on a million grants.
 */
async function withConsumerCounts<T extends { id: string }>(rows: T[]): Promise<(T & Pick<ConsumerRow, "_count">)[]> {
  const ids = rows.map((r) => r.id);
  const [grants, credentials] = await Promise.all([
    db.grant.groupBy({ by: ["consumerId"], where: { consumerId: { in: ids }, status: "ACTIVE" }, _count: { _all: true } }),
    db.consumerCredential.groupBy({ by: ["consumerId"], where: { consumerId: { in: ids } }, _count: { _all: true } }),
  ]);
  const [grantsOf, credentialsOf] = [countOf(grants, "consumerId"), countOf(credentials, "consumerId")];
  return rows.map((r) => ({ ...r, _count: { grants: grantsOf(r.id), credentials: credentialsOf(r.id) } }));
}

const consumerOrder = (p: ConsumerListParams): Prisma.ConsumerOrderByWithRelationInput[] => [{ [p.sort]: p.dir }, { id: "asc" }];

export async function listConsumers(ctx: Ctx, p: ConsumerListParams): Promise<Page<ConsumerRow>> {
  requirePermission(ctx, "catalog.read");
  const where = consumerWhere(p);
  return paged(
    p,
    async (window) => withConsumerCounts(await db.consumer.findMany({ where, orderBy: consumerOrder(p), select: consumerRow, ...window })),
    () => db.consumer.count({ where }),
  );
}

export function exportConsumers(ctx: Ctx, p: ConsumerListParams) {
  requirePermission(ctx, "catalog.read");
  const where = consumerWhere(p);
  // The export carries every field an import needs, so that it imports back unchanged.
  const select = {
    ...consumerRow,
    description: true,
    agentProvider: true,
    agentModel: true,
    decommissionedAt: true,
    identities: { select: { kind: true, issuer: true, value: true }, orderBy: { createdAt: "asc" } },
  } satisfies Prisma.ConsumerSelect;
  return inBatches(async (window) => withConsumerCounts(await db.consumer.findMany({ where, orderBy: consumerOrder(p), select, ...window })));
}

export async function getConsumer(ctx: Ctx, id: string) {
  requirePermission(ctx, "catalog.read");
  const consumer = await db.consumer.findUnique({
    where: { id },
    include: {
      team: { select: { id: true, name: true } },
      owner: { select: { id: true, name: true, email: true, active: true } },
      comparableRole: { select: { id: true, name: true } },
      identities: { select: { kind: true, issuer: true, value: true }, orderBy: { createdAt: "asc" } },
      credentials: {
        include: { credential: { include: { _count: { select: { consumers: true } } } } },
        orderBy: { credential: { createdAt: "desc" } },
      },
      grants: {
        orderBy: [{ status: "asc" }, { createdAt: "desc" }],
        take: 200,
        include: {
          api: { select: { id: true, name: true, environment: true, ownerId: true } },
          scopes: { include: { scope: { select: { id: true, name: true, level: true } } } },
        },
      },
    },
  });
  if (!consumer) throw notFound("The consumer");
  return consumer;
}

// ───────── grants ─────────

// The conditions have a PostgreSQL twin for the planner's estimate (grant-count.ts).
function grantWhere(p: GrantListParams, now = new Date()): Prisma.GrantWhereInput {
  return defined({
    status: p.status,
    expiresAt: p.ending ? { gt: now, lte: new Date(now.getTime() + p.ending * 86_400_000) } : undefined,
    origin: p.origin,
    consumerKind: p.kind,
    consumerEnvironment: p.environment,
    apiId: p.apiId,
    consumerId: p.consumerId,
    consumer: p.ownerId ? { ownerId: p.ownerId } : undefined,
    OR: p.q ? [{ consumer: { name: containsText(p.q) } }, { api: { name: containsText(p.q) } }] : undefined,
  });
}

function grantOrder(p: GrantListParams): Prisma.GrantOrderByWithRelationInput[] {
  // Sorted by a date, ties go by id the same way: the order keyset pages read (listGrants).
  if (p.sort === "expiresAt" || p.sort === "lastUsedAt") return [{ [p.sort]: { sort: p.dir, nulls: "last" } }, { id: p.dir }];
  if (p.sort === "createdAt") return [{ createdAt: p.dir }, { id: p.dir }];
  const primary: Prisma.GrantOrderByWithRelationInput =
    p.sort === "consumer" ? { consumer: { name: p.dir } } : p.sort === "api" ? { api: { name: p.dir } } : { [p.sort]: p.dir };
  return [primary, { id: "asc" }];
}

const grantRow = {
  id: true,
  status: true,
  origin: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastReviewedAt: true,
  revokedAt: true,
  justification: true,
  consumer: { select: { id: true, name: true, kind: true, environment: true } },
  api: { select: { id: true, name: true, environment: true } },
  scopes: { select: { scope: { select: { name: true, level: true, removedAt: true } } } },
} satisfies Prisma.GrantSelect;

export type GrantRow = Prisma.GrantGetPayload<{ select: typeof grantRow }>;

/** Sorts on a date of the grant's own, read by keyset; the others by page number. */
const KEYSET_SORTS = { createdAt: false, expiresAt: true, lastUsedAt: true } as const;
const keysetSort = (sort: GrantListParams["sort"]): sort is keyof typeof KEYSET_SORTS => sort in KEYSET_SORTS;

/** A keyset segment as Prisma's where: the sort date present or absent, past the cursor's row. */
function grantSegmentWhere(sort: keyof typeof KEYSET_SORTS, segment: Segment): Prisma.GrantWhereInput {
  const { from, past } = segment;
  if (segment.value === "absent") return { [sort]: null, ...(from && { id: { [past]: from.id } }) };
  const present: Prisma.GrantWhereInput = sort === "createdAt" ? {} : { [sort]: { not: null } };
  if (!from?.value) return present;
  // The bound on the date alone is implied by the OR; it is what lets SQLite scan the index from the cursor on.
  const bound = { [sort]: { [`${past}e`]: from.value } };
  return { AND: [present, bound, { OR: [{ [sort]: { [past]: from.value } }, { id: { [past]: from.id } }] }] };
}

export type GrantPage = KeysetPage<GrantRow> & { total: Total; page: number; pageSize: number; keyset: boolean };

/**
 * One page of grants. Sorted by a date, pages continue from a cursor (`after`/`before`) so that
 * a deep page costs what the first does; the total is exact up to 10,000 and estimated past it.
 */
export async function listGrants(ctx: Ctx, p: GrantListParams): Promise<GrantPage> {
  requirePermission(ctx, "catalog.read");
  const now = new Date();
  const where = grantWhere(p, now);
  const sort = p.sort;
  const totalOf = (): Promise<Total> =>
    provider() === "postgresql"
      ? listTotal(
          (limit) => countGrantsUpTo(p, now, limit),
          () => estimateGrants(p, now),
        )
      : db.grant.count({ where }).then((count) => ({ count, estimated: false }));
  if (!keysetSort(sort)) {
    const [rows, total] = await Promise.all([db.grant.findMany({ where, orderBy: grantOrder(p), select: grantRow, ...pageWindow(p) }), totalOf()]);
    return { rows, total, page: p.page, pageSize: p.pageSize, keyset: false };
  }
  const cursorOf = (row: GrantRow): Cursor => ({ value: row[sort], id: row.id });
  const [page, total] = await Promise.all([
    readKeyset({
      segments: (cursor, backwards) => keysetSegments(KEYSET_SORTS[sort], p.dir, cursor, backwards),
      read: (segment, take) =>
        db.grant.findMany({
          where: { AND: [where, grantSegmentWhere(sort, segment)] },
          orderBy: [{ [sort]: segment.order }, { id: segment.order }],
          select: grantRow,
          take,
        }),
      cursorOf,
      take: p.pageSize,
      after: p.after,
      before: p.before,
    }),
    totalOf(),
  ]);
  return { ...page, total, page: 1, pageSize: p.pageSize, keyset: true };
}

export function exportGrants(ctx: Ctx, p: GrantListParams) {
  requirePermission(ctx, "catalog.read");
  const where = grantWhere(p);
  return inBatches((window) => db.grant.findMany({ where, orderBy: grantOrder(p), select: grantRow, ...window }));
}

export async function listApiGrants(ctx: Ctx, apiId: string, page: number) {
  requirePermission(ctx, "catalog.read");
  const where = { apiId };
  return paged(
    { page, pageSize: 50 },
    (window) => db.grant.findMany({ where, orderBy: [{ status: "asc" }, { createdAt: "desc" }, { id: "asc" }], select: grantRow, ...window }),
    () => db.grant.count({ where }),
  );
}

// ───────── human job roles ─────────

function roleWhere(p: RoleListParams): Prisma.JobRoleWhereInput {
  return p.q ? { OR: [{ name: containsText(p.q) }, { description: containsText(p.q) }] } : {};
}

const roleRow = {
  id: true,
  name: true,
  description: true,
  createdAt: true,
  team: { select: { id: true, name: true } },
  _count: { select: { scopes: true, agents: true } },
} satisfies Prisma.JobRoleSelect;

export type RoleRow = Prisma.JobRoleGetPayload<{ select: typeof roleRow }>;

const roleOrder = (p: RoleListParams): Prisma.JobRoleOrderByWithRelationInput[] => [{ [p.sort]: p.dir }, { id: "asc" }];

export async function listRoles(ctx: Ctx, p: RoleListParams): Promise<Page<RoleRow>> {
  requirePermission(ctx, "catalog.read");
  const where = roleWhere(p);
  return paged(
    p,
    (window) => db.jobRole.findMany({ where, orderBy: roleOrder(p), select: roleRow, ...window }),
    () => db.jobRole.count({ where }),
  );
}

export function exportRoles(ctx: Ctx, p: RoleListParams) {
  requirePermission(ctx, "catalog.read");
  const where = roleWhere(p);
  return inBatches((window) => db.jobRole.findMany({ where, orderBy: roleOrder(p), select: roleRow, ...window }));
}

export async function getRole(ctx: Ctx, id: string) {
  requirePermission(ctx, "catalog.read");
  const role = await db.jobRole.findUnique({
    where: { id },
    include: {
      team: { select: { id: true, name: true } },
      scopes: {
        include: { scope: { include: { api: { select: { id: true, name: true } } } } },
        orderBy: [{ scope: { api: { name: "asc" } } }, { scope: { name: "asc" } }],
      },
      agents: {
        select: { id: true, name: true, status: true, autonomy: true, agentProvider: true },
        orderBy: { name: "asc" },
        take: 200,
      },
      _count: { select: { agents: true } },
    },
  });
  if (!role) throw notFound("The role");
  return role;
}

// ───────── choices for forms and filters ─────────

export async function listChoices(ctx: Ctx) {
  requirePermission(ctx, "catalog.read");
  const [teams, users, roles] = await Promise.all([
    db.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true }, orderBy: { name: "asc" } }),
    db.jobRole.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { teams, users, roles };
}

/** Every API by name, for filter menus. */
export async function listApiChoices(ctx: Ctx) {
  requirePermission(ctx, "catalog.read");
  return db.api.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 5000 });
}

export async function searchConsumers(ctx: Ctx, q: string | undefined, take = 20) {
  requirePermission(ctx, "catalog.read");
  return db.consumer.findMany({
    where: defined({ status: "ACTIVE" as const, name: q ? containsText(q) : undefined }),
    select: { id: true, name: true, kind: true, environment: true },
    orderBy: { name: "asc" },
    take,
  });
}

export async function getGrant(ctx: Ctx, id: string) {
  requirePermission(ctx, "catalog.read");
  const grant = await db.grant.findUnique({
    where: { id },
    include: {
      consumer: { select: { id: true, name: true, kind: true, environment: true, status: true } },
      // What the grant may be changed to: the scopes the API's document still declares.
      api: {
        select: {
          id: true,
          name: true,
          ownerId: true,
          scopes: { where: { removedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, level: true, description: true } },
        },
      },
      scopes: { select: { scopeId: true, lastUsedAt: true, expiresAt: true, scope: { select: { name: true, level: true, removedAt: true } } } },
      grantedBy: { select: { name: true } },
      approvedBy: { select: { name: true } },
    },
  });
  if (!grant) throw notFound("The grant");
  return grant;
}

/** APIs the caller may grant access to: their own for an OWNER, all for an ADMIN. */
export async function listGrantableApis(ctx: Ctx) {
  const reach = requirePermission(ctx, "grant.create");
  return db.api.findMany({
    where: defined({ lifecycle: { not: "RETIRED" as const }, ownerId: reach === "own" ? ctx.userId : undefined }),
    select: {
      id: true,
      name: true,
      environment: true,
      scopes: { where: { removedAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true, level: true, description: true } },
    },
    orderBy: { name: "asc" },
  });
}

export async function findActiveConsumer(ctx: Ctx, id: string) {
  requirePermission(ctx, "catalog.read");
  return db.consumer.findFirst({ where: { id, status: "ACTIVE" }, select: { id: true, name: true, kind: true, environment: true } });
}
