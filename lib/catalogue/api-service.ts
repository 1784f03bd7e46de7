// Mutations of APIs and their scopes. Authorization invariant: an OWNER acts only on
// APIs whose ownerId is theirs (ownership sits in the `where`, so a miss is "not found");
// an ADMIN acts on all. Every change writes its audit event in the same transaction.
import { recordAudit } from "@/lib/audit/service";
import { ownedWhere, personOf, requirePermission, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { conflict, invalid, notFound } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import { apiInput, idInput, scopeInput, scopeUpdateInput } from "./schemas";

/**
 * An OWNER creates and keeps things for themselves; only an ADMIN names another owner.
 * On an update (`current` given), an ADMIN who leaves the field empty keeps the current owner.
 */
export function effectiveOwner(ctx: Ctx, reach: "all" | "own", ownerId: string | undefined, current?: string | null): string | null {
  if (reach === "all") return ownerId ?? (current !== undefined ? current : personOf(ctx));
  if (ownerId && ownerId !== ctx.userId) {
    throw invalid("Some fields need attention.", { ownerId: ["You can only assign yourself as owner"] });
  }
  return ctx.userId;
}

export async function createApi(ctx: Ctx, raw: unknown) {
  const input = parseInput(apiInput, raw);
  const reach = requirePermission(ctx, "api.create");
  const ownerId = effectiveOwner(ctx, reach, input.ownerId);
  return db.$transaction(async (tx) => {
    const clash = await tx.api.findFirst({ where: { name: input.name, environment: input.environment }, select: { id: true } });
    if (clash) throw invalid("Some fields need attention.", { name: ["An API with this name already exists in this environment"] });
    const api = await tx.api.create({ data: { ...input, ownerId } });
    await recordAudit(tx, ctx.actor, {
      action: "api.create",
      targetType: "Api",
      targetId: api.id,
      summary: `Created API ${api.name} (${api.environment})`,
      after: api,
    });
    return api;
  });
}

export async function updateApi(ctx: Ctx, rawId: unknown, raw: unknown) {
  // The id arrives bound to a server action, so from the client: it is input like any other.
  const { id } = parseInput(idInput, { id: rawId });
  const input = parseInput(apiInput, raw);
  const scope = ownedWhere(ctx, "api.update", "ownerId");
  return db.$transaction(async (tx) => {
    const before = await tx.api.findFirst({ where: { id, ...scope } });
    if (!before) throw notFound("The API");
    const ownerId = effectiveOwner(ctx, requirePermission(ctx, "api.update"), input.ownerId, before.ownerId);
    const clash = await tx.api.findFirst({
      where: { name: input.name, environment: input.environment, NOT: { id } },
      select: { id: true },
    });
    if (clash) throw invalid("Some fields need attention.", { name: ["An API with this name already exists in this environment"] });
    const after = await tx.api.update({ where: { id }, data: { ...input, ownerId } });
    await recordAudit(tx, ctx.actor, {
      action: "api.update",
      targetType: "Api",
      targetId: id,
      summary: `Updated API ${after.name}`,
      before,
      after,
    });
    return after;
  });
}

/** Deleting would lose grant history, so an API that was ever granted must be retired instead. */
export async function deleteApi(ctx: Ctx, raw: unknown) {
  const { id } = parseInput(idInput, raw);
  const scope = ownedWhere(ctx, "api.delete", "ownerId");
  return db.$transaction(async (tx) => {
    const before = await tx.api.findFirst({ where: { id, ...scope }, include: { scopes: true } });
    if (!before) throw notFound("The API");
    const grants = await tx.grant.count({ where: { apiId: id } });
    if (grants > 0) throw conflict(`This API has ${grants} grant(s) on record. Set its lifecycle to RETIRED instead of deleting it.`);
    await tx.api.delete({ where: { id } });
    await recordAudit(tx, ctx.actor, {
      action: "api.delete",
      targetType: "Api",
      targetId: id,
      summary: `Deleted API ${before.name}`,
      before,
    });
  });
}

export async function addScope(ctx: Ctx, raw: unknown) {
  const input = parseInput(scopeInput, raw);
  const scope = ownedWhere(ctx, "api.update", "ownerId");
  return db.$transaction(async (tx) => {
    const api = await tx.api.findFirst({ where: { id: input.apiId, ...scope }, select: { id: true, name: true } });
    if (!api) throw notFound("The API");
    const clash = await tx.scope.findUnique({ where: { apiId_name: { apiId: api.id, name: input.name } } });
    if (clash) throw invalid("Some fields need attention.", { name: ["This API already declares that scope"] });
    const created = await tx.scope.create({ data: input });
    await recordAudit(tx, ctx.actor, {
      action: "scope.create",
      targetType: "Scope",
      targetId: created.id,
      summary: `Added scope ${created.name} (${created.level}) to ${api.name}`,
      after: created,
    });
    return created;
  });
}

/** A scope still held by a grant cannot vanish underneath it: remove it from the grants first. */
export async function deleteScope(ctx: Ctx, raw: unknown) {
  const { id } = parseInput(idInput, raw);
  const scope = ownedWhere(ctx, "api.update", "ownerId");
  return db.$transaction(async (tx) => {
    const before = await tx.scope.findFirst({ where: { id, api: scope }, include: { api: { select: { name: true } } } });
    if (!before) throw notFound("The scope");
    const held = await tx.grantScope.count({ where: { scopeId: id, grant: { status: { in: ["ACTIVE", "PENDING", "SUSPENDED"] } } } });
    if (held > 0) throw conflict(`${held} live grant(s) hold ${before.name}. Reduce or revoke them first.`);
    await tx.scope.delete({ where: { id } });
    await recordAudit(tx, ctx.actor, {
      action: "scope.delete",
      targetType: "Scope",
      targetId: id,
      summary: `Removed scope ${before.name} from ${before.api.name}`,
      before,
    });
  });
}

export async function updateScope(ctx: Ctx, raw: unknown) {
  const { id, ...data } = parseInput(scopeUpdateInput, raw);
  const scope = ownedWhere(ctx, "api.update", "ownerId");
  return db.$transaction(async (tx) => {
    const before = await tx.scope.findFirst({ where: { id, api: scope }, include: { api: { select: { name: true } } } });
    if (!before) throw notFound("The scope");
    const after = await tx.scope.update({ where: { id }, data });
    await recordAudit(tx, ctx.actor, {
      action: "scope.update",
      targetType: "Scope",
      targetId: id,
      summary: `Changed scope ${before.name} of ${before.api.name}: ${after.level.toLowerCase()}`,
      before: { level: before.level, description: before.description },
      after: { level: after.level, description: after.description },
    });
    return after;
  });
}
