// Deletes an API that was never granted. Deleting would lose grant history, so an API that
// was ever granted must be retired instead.
import { counted } from "@/lib/format";
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { idInput } from "../schemas";

export const deleteApi = defineCommand({
  name: "api.delete",
  input: idInput,
  permission: "api.delete",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, { id }, access) {
    const before = await tx.api.findFirst({ where: { id, ...access.owned("ownerId") }, include: { scopes: true } });
    if (!before) throw notFound("The API");
    const grants = await tx.grant.count({ where: { apiId: id } });
    if (grants > 0) throw conflict(`This API has ${counted(grants, "grant")} on record. Set its lifecycle to RETIRED instead of deleting it.`);
    const requests = await tx.accessRequest.count({ where: { apiId: id } });
    if (requests > 0) throw conflict(`This API has ${counted(requests, "access request")} on record. Set its lifecycle to RETIRED instead of deleting it.`);
    await tx.api.delete({ where: { id } });
    return { result: { id }, audit: [{ action: "api.delete", targetType: "Api", targetId: id, summary: `Deleted API ${before.name}`, before }] };
  },
});
