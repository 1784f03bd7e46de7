// Changes a live grant's scopes, justification and end. Authorization: the grant's own API
// decides (its owner, or an ADMIN); the scopes must be that API's.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { defineCommand, type Access } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import { AppError, conflict, invalid } from "@/lib/server/errors";
import { grantUpdateInput } from "../schemas";
import { scopesOfApi } from "./grant-scopes";

async function grantInReach(tx: Tx, id: string, access: Access) {
  const grant = await tx.grant.findFirst({
    where: { id, api: access.owned("ownerId") },
    include: {
      scopes: { select: { scopeId: true, scope: { select: { name: true } } } },
      consumer: { select: { name: true } },
      api: { select: { name: true } },
    },
  });
  if (!grant) throw new AppError("NOT_FOUND", "No grant with this id on an API you may change.");
  return grant;
}

const sameInstant = (a: Date | null | undefined, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export const updateGrant = defineCommand({
  name: "grant.update",
  input: grantUpdateInput,
  permission: "grant.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async current(tx, id, access) {
    const grant = await grantInReach(tx, id, access);
    return { scopeIds: grant.scopes.map((s) => s.scopeId), justification: grant.justification, expiresAt: grant.expiresAt };
  },
  async execute(tx, input, access) {
    const before = await grantInReach(tx, input.id, access);
    const expiresAt = input.expiresAt ?? null;
    const held = new Set(before.scopes.map((s) => s.scopeId));
    const scopes = await scopesOfApi(tx, before.apiId, input.scopeIds, held);
    const keep = new Set(scopes.map((s) => s.id));
    const sameScopes = held.size === keep.size && [...keep].every((id) => held.has(id));
    // Nothing to change is not a change, whatever the grant's state (an export of ended grants imports back).
    if (sameScopes && sameInstant(expiresAt, before.expiresAt) && before.justification === input.justification) {
      return { result: { ...before, changed: false }, audit: [] };
    }
    if (!LIVE_GRANT_STATUSES.some((s) => s === before.status)) throw conflict(`A ${before.status.toLowerCase()} grant cannot be changed.`);
    if (!sameInstant(expiresAt, before.expiresAt) && expiresAt && expiresAt <= new Date()) {
      throw invalid("Some fields need attention.", { expiresAt: ["The expiry must be in the future"] });
    }
    await tx.grantScope.deleteMany({ where: { grantId: before.id, scopeId: { notIn: [...keep] } } });
    await tx.grantScope.createMany({ data: [...keep].filter((id) => !held.has(id)).map((scopeId) => ({ grantId: before.id, scopeId })) });
    const after = await tx.grant.update({ where: { id: before.id }, data: { justification: input.justification, expiresAt } });
    const names = scopes.map((s) => s.name);
    return {
      result: { ...after, changed: true },
      audit: [
        {
          action: "grant.update",
          targetType: "Grant",
          targetId: before.id,
          summary: `Changed grant of ${before.consumer.name} on ${before.api.name}: scopes now ${names.join(", ")}`,
          before: { ...before, scopes: before.scopes.map((s) => s.scope.name) },
          after: { ...after, scopes: names },
        },
      ],
    };
  },
});
