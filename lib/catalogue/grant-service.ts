// Manual grants. Authorization invariant: the API owner is the gatekeeper of access to
// their API, so an OWNER creates, changes and revokes grants only on APIs they own; an
// ADMIN on all. Every change writes its audit event in the same transaction.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { recordAudit } from "@/lib/audit/service";
import { ownedWhere, personOf, type Ctx } from "@/lib/server/authz";
import { db, type Tx } from "@/lib/server/db";
import { conflict, invalid, notFound } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import { grantInput, grantUpdateInput, reasonInput } from "./schemas";

const LIVE = LIVE_GRANT_STATUSES;

async function scopesOfApi(tx: Tx, apiId: string, scopeIds: string[]) {
  const scopes = await tx.scope.findMany({ where: { apiId, id: { in: scopeIds } }, select: { id: true, name: true } });
  if (scopes.length !== new Set(scopeIds).size) {
    throw invalid("Some fields need attention.", { scopeIds: ["Every scope must be one the API declares"] });
  }
  return scopes;
}

export async function createGrant(ctx: Ctx, raw: unknown) {
  const input = parseInput(grantInput, raw);
  const apiScope = ownedWhere(ctx, "grant.create", "ownerId");
  return db.$transaction(async (tx) => {
    const api = await tx.api.findFirst({ where: { id: input.apiId, ...apiScope }, select: { id: true, name: true, lifecycle: true } });
    if (!api) throw notFound("The API");
    if (api.lifecycle === "RETIRED") throw conflict("A retired API cannot be granted.");
    const consumer = await tx.consumer.findUnique({ where: { id: input.consumerId }, select: { id: true, name: true, status: true } });
    if (!consumer) throw notFound("The consumer");
    if (consumer.status !== "ACTIVE") throw conflict(`${consumer.name} is ${consumer.status.toLowerCase()}: only active consumers can be granted access.`);
    const existing = await tx.grant.findFirst({ where: { consumerId: consumer.id, apiId: api.id, status: { in: [...LIVE] } }, select: { id: true } });
    if (existing) throw conflict(`${consumer.name} already holds a grant on ${api.name}: change that grant instead.`);
    const scopes = await scopesOfApi(tx, api.id, input.scopeIds);
    const grant = await tx.grant.create({
      data: {
        consumerId: consumer.id,
        apiId: api.id,
        justification: input.justification,
        expiresAt: input.expiresAt ?? null,
        origin: "MANUAL",
        grantedById: personOf(ctx),
        approvedById: personOf(ctx),
        scopes: { create: scopes.map((s) => ({ scopeId: s.id })) },
      },
    });
    await recordAudit(tx, ctx.actor, {
      action: "grant.create",
      targetType: "Grant",
      targetId: grant.id,
      summary: `Granted ${consumer.name} ${scopes.map((s) => s.name).join(", ")} on ${api.name}`,
      after: { ...grant, scopes: scopes.map((s) => s.name) },
    });
    return grant;
  });
}

export async function updateGrant(ctx: Ctx, raw: unknown) {
  const input = parseInput(grantUpdateInput, raw);
  const apiScope = ownedWhere(ctx, "grant.update", "ownerId");
  return db.$transaction(async (tx) => {
    const before = await tx.grant.findFirst({
      where: { id: input.id, api: apiScope },
      include: { scopes: { include: { scope: { select: { name: true } } } } },
    });
    if (!before) throw notFound("The grant");
    if (!LIVE.includes(before.status as (typeof LIVE)[number])) throw conflict(`A ${before.status.toLowerCase()} grant cannot be changed.`);
    const scopes = await scopesOfApi(tx, before.apiId, input.scopeIds);
    const keep = new Set(input.scopeIds);
    await tx.grantScope.deleteMany({ where: { grantId: before.id, scopeId: { notIn: [...keep] } } });
    const held = new Set(before.scopes.map((s) => s.scopeId));
    await tx.grantScope.createMany({ data: input.scopeIds.filter((id) => !held.has(id)).map((scopeId) => ({ grantId: before.id, scopeId })) });
    const after = await tx.grant.update({
      where: { id: before.id },
      data: { justification: input.justification, expiresAt: input.expiresAt ?? null },
    });
    await recordAudit(tx, ctx.actor, {
      action: "grant.update",
      targetType: "Grant",
      targetId: before.id,
      summary: `Changed grant: scopes now ${scopes.map((s) => s.name).join(", ")}`,
      before: { ...before, scopes: before.scopes.map((s) => s.scope.name) },
      after: { ...after, scopes: scopes.map((s) => s.name) },
    });
    return after;
  });
}

export async function revokeGrant(ctx: Ctx, raw: unknown) {
  const { id, reason } = parseInput(reasonInput, raw);
  const apiScope = ownedWhere(ctx, "grant.revoke", "ownerId");
  return db.$transaction(async (tx) => {
    const before = await tx.grant.findFirst({ where: { id, api: apiScope }, include: { consumer: { select: { name: true } }, api: { select: { name: true } } } });
    if (!before) throw notFound("The grant");
    // Conditional update: two people revoking at once cannot both win.
    const { count } = await tx.grant.updateMany({ where: { id, status: { in: [...LIVE] } }, data: { status: "REVOKED", revokedAt: new Date() } });
    if (count === 0) throw conflict("This grant is no longer live.");
    await recordAudit(tx, ctx.actor, {
      action: "grant.revoke",
      targetType: "Grant",
      targetId: id,
      summary: `Revoked ${before.consumer.name} on ${before.api.name}. Reason: ${reason}`,
      before: { status: before.status },
      after: { status: "REVOKED", reason },
    });
  });
}
