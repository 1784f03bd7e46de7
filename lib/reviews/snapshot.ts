// Freezing grants into review items: the grant as it is at launch, read in batches with
// a fixed number of queries per batch, then judged by the pure recommend().
import type { Prisma } from "@/lib/generated/prisma/client";
import { Sql } from "@/lib/findings/sql";
import type { FindingRule, Severity } from "@/lib/generated/prisma/enums";
import type { Policy } from "@/lib/policy/policy";
import { provider, type Tx } from "@/lib/server/db";
import { recommend, type Recommendation } from "./recommend";
import type { Snapshot } from "./schemas";

// Small, shared parts are read once per launch and cached; per batch only the grants, their
// scopes and their findings are read. (Prisma's nested includes re-read every part for every
// batch, at several times the cost.)
const apiSelect = { id: true, name: true, environment: true, exposure: true, classification: true, ownerId: true, _count: { select: { scopes: true } } } satisfies Prisma.ApiSelect;
const consumerSelect = {
  id: true,
  name: true,
  kind: true,
  status: true,
  environment: true,
  ownerId: true,
  autonomy: true,
  comparableRoleId: true,
  owner: { select: { name: true, active: true } },
  credentials: {
    where: { credential: { revokedAt: null } },
    select: {
      credential: {
        select: { id: true, label: true, type: true, accessTokenTtlSeconds: true, lastRotatedAt: true, createdAt: true, senderConstraint: true, expiresAt: true, leakedAt: true },
      },
    },
  },
} satisfies Prisma.ConsumerSelect;
const scopeSelect = { id: true, name: true, level: true, description: true, operations: { select: { operation: { select: { method: true, path: true } } } } } satisfies Prisma.ScopeSelect;
const grantSelect = { id: true, consumerId: true, apiId: true, createdAt: true, expiresAt: true, lastUsedAt: true, lastReviewedAt: true, origin: true, justification: true } satisfies Prisma.GrantSelect;

type ApiPart = Prisma.ApiGetPayload<{ select: typeof apiSelect }>;
type ConsumerPart = Prisma.ConsumerGetPayload<{ select: typeof consumerSelect }> & { comparableRole: { name: string; scopeIds: Set<string> } | null };
type ScopePart = Prisma.ScopeGetPayload<{ select: typeof scopeSelect }>;

export type GrantForReview = Prisma.GrantGetPayload<{ select: typeof grantSelect }> & {
  api: ApiPart;
  consumer: ConsumerPart;
  scopes: { lastUsedAt: Date | null; scope: ScopePart }[];
  findings: { rule: string; severity: string; explanation: string }[];
};

async function fillMissing<T extends { id: string }>(cache: Map<string, T>, ids: string[], read: (missing: string[]) => Promise<T[]>) {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  for (let i = 0; i < missing.length; i += 500) for (const row of await read(missing.slice(i, i + 500))) cache.set(row.id, row);
}

/** A reader of grants for review, in id order, after a given id (keyset pagination). */
export function createGrantReader(tx: Tx, where: Prisma.GrantWhereInput) {
  const apis = new Map<string, ApiPart>();
  const consumers = new Map<string, ConsumerPart>();
  const scopes = new Map<string, ScopePart>();
  const roles = new Map<string, { id: string; name: string; scopeIds: Set<string> }>();
  return async function read(afterId: string | undefined, take: number): Promise<GrantForReview[]> {
    const grants = await tx.grant.findMany({ where: afterId ? { AND: [where, { id: { gt: afterId } }] } : where, orderBy: { id: "asc" }, take, select: grantSelect });
    if (grants.length === 0) return [];
    // The batch's scopes and findings, read by its list of grant ids passed as one parameter
    // (no statement with thousands of placeholders): only the selected grants' rows are read.
    // Sequential on purpose: inside a transaction there is one connection, one query at a time.
    const ids = grants.map((g) => g.id);
    const q = new Sql(provider());
    const inBatch = q.inList('"grantId"', ids);
    const held = await tx.$queryRawUnsafe<{ grantId: string; scopeId: string; lastUsedAt: Date | string | null }[]>(
      ...q.statement(`SELECT "grantId", "scopeId", "lastUsedAt" FROM "GrantScope" WHERE ${inBatch}`),
    );
    const findings = await tx.$queryRawUnsafe<{ grantId: string; rule: FindingRule; severity: Severity; explanation: string }[]>(
      ...q.statement(`SELECT "grantId", ${q.text("rule")} AS rule, ${q.text("severity")} AS severity, explanation FROM "Finding" WHERE status = 'OPEN' AND ${inBatch}`),
    );
    for (const fill of [
      () => fillMissing(apis, grants.map((g) => g.apiId), (missing) => tx.api.findMany({ where: { id: { in: missing } }, select: apiSelect })),
      () => fillMissing(scopes, held.map((h) => h.scopeId), (missing) => tx.scope.findMany({ where: { id: { in: missing } }, select: scopeSelect })),
      () => fillMissing(consumers, grants.map((g) => g.consumerId), async (missing) => {
        const rows = await tx.consumer.findMany({ where: { id: { in: missing } }, select: consumerSelect });
        await fillMissing(roles, rows.flatMap((c) => (c.comparableRoleId ? [c.comparableRoleId] : [])), async (roleIds) =>
          (await tx.jobRole.findMany({ where: { id: { in: roleIds } }, select: { id: true, name: true, scopes: { select: { scopeId: true } } } })).map((r) => ({
            id: r.id,
            name: r.name,
            scopeIds: new Set(r.scopes.map((x) => x.scopeId)),
          })),
        );
        return rows.map((c) => ({ ...c, comparableRole: c.comparableRoleId ? (roles.get(c.comparableRoleId) ?? null) : null }));
      }),
    ]) await fill();
    const heldBy = new Map<string, { lastUsedAt: Date | null; scope: ScopePart }[]>();
    for (const h of held) {
      const list = heldBy.get(h.grantId) ?? [];
      list.push({ lastUsedAt: h.lastUsedAt === null ? null : new Date(h.lastUsedAt), scope: scopes.get(h.scopeId)! });
      heldBy.set(h.grantId, list);
    }
    const findingsOf = new Map<string, GrantForReview["findings"]>();
    for (const f of findings) {
      const list = findingsOf.get(f.grantId!) ?? [];
      list.push({ rule: f.rule, severity: f.severity, explanation: f.explanation });
      findingsOf.set(f.grantId!, list);
    }
    return grants.map((g) => ({ ...g, api: apis.get(g.apiId)!, consumer: consumers.get(g.consumerId)!, scopes: heldBy.get(g.id) ?? [], findings: findingsOf.get(g.id) ?? [] }));
  };
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toSnapshot(g: GrantForReview, now: Date): Snapshot {
  const baseline = g.consumer.comparableRole?.scopeIds ?? null;
  return {
    consumer: {
      id: g.consumer.id,
      name: g.consumer.name,
      kind: g.consumer.kind,
      status: g.consumer.status,
      environment: g.consumer.environment,
      ownerId: g.consumer.ownerId,
      ownerName: g.consumer.owner?.name ?? null,
      ownerActive: g.consumer.owner?.active ?? false,
      autonomy: g.consumer.autonomy,
      comparableRole: g.consumer.comparableRole?.name ?? null,
    },
    api: {
      id: g.api.id,
      name: g.api.name,
      environment: g.api.environment,
      exposure: g.api.exposure,
      classification: g.api.classification,
      declaredScopes: g.api._count.scopes,
    },
    grant: {
      createdAt: g.createdAt.toISOString(),
      expiresAt: iso(g.expiresAt),
      lastUsedAt: iso(g.lastUsedAt),
      lastReviewedAt: iso(g.lastReviewedAt),
      origin: g.origin,
      justification: g.justification,
    },
    scopes: g.scopes
      .map((gs) => ({
        id: gs.scope.id,
        name: gs.scope.name,
        level: gs.scope.level,
        description: gs.scope.description,
        lastUsedAt: iso(gs.lastUsedAt),
        operations: gs.scope.operations.map((o) => `${o.operation.method.toUpperCase()} ${o.operation.path}`),
        // Only an agent is measured against a comparable human role.
        beyondBaseline: g.consumer.kind === "AGENT" && baseline !== null && !baseline.has(gs.scope.id),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    credentials: g.consumer.credentials.map(({ credential: c }) => ({
      id: c.id,
      label: c.label,
      type: c.type,
      accessTokenTtlSeconds: c.accessTokenTtlSeconds,
      rotationAgeDays: Math.floor((now.getTime() - (c.lastRotatedAt ?? c.createdAt).getTime()) / 86_400_000),
      senderConstraint: c.senderConstraint,
      expiresAt: iso(c.expiresAt),
      leaked: c.leakedAt !== null,
    })),
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

export type FrozenItem = { grantId: string; consumerId: string; apiId: string; apiOwnerId: string | null; consumerOwnerId: string | null; snapshot: Snapshot; judged: Recommendation };

export function freeze(grants: GrantForReview[], policy: Policy, now: Date): FrozenItem[] {
  return grants.map((g) => {
    const snapshot = toSnapshot(g, now);
    return {
      grantId: g.id,
      consumerId: g.consumerId,
      apiId: g.apiId,
      apiOwnerId: g.api.ownerId,
      consumerOwnerId: g.consumer.ownerId,
      snapshot,
      judged: recommend(snapshot, policy, now),
    };
  });
}
