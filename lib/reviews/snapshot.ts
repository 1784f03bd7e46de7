// Freezing grants into review items: the grant as it is at launch, read in batches with
// a fixed number of queries per batch, then judged by the pure recommend().
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Policy } from "@/lib/policy/policy";
import type { Tx } from "@/lib/server/db";
import { recommend, type Recommendation } from "./recommend";
import type { Snapshot } from "./schemas";

export const snapshotInclude = {
  api: { select: { id: true, name: true, environment: true, exposure: true, classification: true, ownerId: true, _count: { select: { scopes: true } } } },
  consumer: {
    select: {
      id: true,
      name: true,
      kind: true,
      status: true,
      environment: true,
      ownerId: true,
      autonomy: true,
      owner: { select: { name: true, active: true } },
      comparableRole: { select: { name: true, scopes: { select: { scopeId: true } } } },
      credentials: {
        where: { credential: { revokedAt: null } },
        select: {
          credential: {
            select: { id: true, label: true, type: true, accessTokenTtlSeconds: true, lastRotatedAt: true, createdAt: true, senderConstraint: true, expiresAt: true, leakedAt: true },
          },
        },
      },
    },
  },
  scopes: {
    select: {
      lastUsedAt: true,
      scope: {
        select: { id: true, name: true, level: true, description: true, operations: { select: { operation: { select: { method: true, path: true } } } } },
      },
    },
  },
  findings: { where: { status: "OPEN" }, select: { rule: true, severity: true, explanation: true } },
} satisfies Prisma.GrantInclude;

export type GrantForReview = Prisma.GrantGetPayload<{ include: typeof snapshotInclude }>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toSnapshot(g: GrantForReview, now: Date): Snapshot {
  const baseline = g.consumer.comparableRole ? new Set(g.consumer.comparableRole.scopes.map((s) => s.scopeId)) : null;
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
      .sort((a, b) => a.name.localeCompare(b.name)),
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

export async function loadGrantsForReview(tx: Tx, where: Prisma.GrantWhereInput, skip: number, take: number): Promise<GrantForReview[]> {
  return tx.grant.findMany({ where, include: snapshotInclude, orderBy: { id: "asc" }, skip, take });
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
