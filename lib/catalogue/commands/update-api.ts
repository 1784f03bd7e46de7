// Changes an API's description and settings. Authorization: an OWNER only their own APIs
// (ownership in the `where`, so another's reads as "not found").
import { defineCommand } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import { conflict, notFound } from "@/lib/server/errors";
import type { Access } from "@/lib/server/command";
import { changedFields } from "../consumer-facts";
import { effectiveOwner } from "../ownership";
import { setAddresses } from "../identities";
import { apiUpdateInput } from "../schemas";
import { NAME_TAKEN } from "./create-api";

async function ownApi(tx: Tx, id: string, access: Access) {
  const api = await tx.api.findFirst({ where: { id, ...access.owned("ownerId") } });
  if (!api) throw notFound("The API");
  return api;
}

export const updateApi = defineCommand({
  name: "api.update",
  input: apiUpdateInput,
  permission: "api.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  references: { teamId: "team", ownerId: "user" },
  async current(tx, id, access) {
    const { name, description, teamId, ownerId, environment, exposure, classification, lifecycle, baseUrl, gateway } = await ownApi(tx, id, access);
    return { name, description, teamId, ownerId, environment, exposure, classification, lifecycle, baseUrl, gateway };
  },
  async execute(tx, { id, audiences, baseUrls, ...input }, access) {
    const before = await ownApi(tx, id, access);
    const data = { ...input, ownerId: effectiveOwner(access, input.ownerId, before.ownerId) };
    const changed = changedFields(before, data);
    const addresses = await setAddresses(tx, id, { audiences, baseUrls, primary: data.baseUrl, previousPrimary: before.baseUrl });
    if (addresses.changed) changed.push("addresses");
    if (changed.length === 0) return { result: { ...before, changed: false }, audit: [] };
    const clash = await tx.api.findFirst({ where: { name: data.name, environment: data.environment, NOT: { id } }, select: { id: true } });
    if (clash) throw conflict("That name is taken.", NAME_TAKEN);
    const after = await tx.api.update({ where: { id }, data });
    return {
      result: { ...after, changed: true },
      audit: [
        {
          action: "api.update",
          targetType: "Api",
          targetId: id,
          summary: `Updated API ${after.name} (${changed.join(", ")})`,
          before: { ...before, addresses: addresses.before },
          after: { ...after, addresses: addresses.after },
        },
      ],
    };
  },
});
