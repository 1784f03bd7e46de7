// Declares a scope on an API the caller may change.
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { scopeInput } from "../schemas";

export const addScope = defineCommand({
  name: "scope.create",
  input: scopeInput,
  permission: "api.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, input, access) {
    const api = await tx.api.findFirst({ where: { id: input.apiId, ...access.owned("ownerId") }, select: { id: true, name: true } });
    if (!api) throw notFound("The API");
    const clash = await tx.scope.findUnique({ where: { apiId_name: { apiId: api.id, name: input.name } }, select: { id: true } });
    if (clash) throw conflict("That scope exists.", { name: ["This API already declares that scope"] });
    const created = await tx.scope.create({ data: input });
    return {
      result: created,
      audit: [
        {
          action: "scope.create",
          targetType: "Scope",
          targetId: created.id,
          summary: `Added scope ${created.name} (${created.level}) to ${api.name}`,
          after: created,
        },
      ],
    };
  },
});
