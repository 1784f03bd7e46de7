// Changes what a scope says it permits and its level.
import { defineCommand } from "@/lib/server/command";
import { notFound } from "@/lib/server/errors";
import { scopeUpdateInput } from "../schemas";

export const updateScope = defineCommand({
  name: "scope.update",
  input: scopeUpdateInput,
  permission: "api.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, { id, ...data }, access) {
    const before = await tx.scope.findFirst({ where: { id, api: access.owned("ownerId") }, include: { api: { select: { name: true } } } });
    if (!before) throw notFound("The scope");
    if (before.level === data.level && before.description === data.description) return { result: before, audit: [] };
    const after = await tx.scope.update({ where: { id }, data });
    return {
      result: after,
      audit: [
        {
          action: "scope.update",
          targetType: "Scope",
          targetId: id,
          summary: `Changed scope ${before.name} of ${before.api.name}: ${after.level.toLowerCase()}`,
          before: { level: before.level, description: before.description },
          after: { level: after.level, description: after.description },
        },
      ],
    };
  },
});
