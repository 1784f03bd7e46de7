// Removes a scope from an API. A scope still held by a live grant cannot vanish underneath it:
// remove it from the grants first.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { idInput } from "../schemas";

export const deleteScope = defineCommand({
  name: "scope.delete",
  input: idInput,
  permission: "api.update",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, { id }, access) {
    const before = await tx.scope.findFirst({ where: { id, api: access.owned("ownerId") }, include: { api: { select: { name: true } } } });
    if (!before) throw notFound("The scope");
    const held = await tx.grantScope.count({ where: { scopeId: id, grant: { status: { in: [...LIVE_GRANT_STATUSES] } } } });
    if (held > 0) throw conflict(`${held === 1 ? "1 live grant holds" : `${held} live grants hold`} ${before.name}. Reduce or revoke them first.`);
    await tx.scope.delete({ where: { id } });
    return {
      result: { id },
      audit: [{ action: "scope.delete", targetType: "Scope", targetId: id, summary: `Removed scope ${before.name} from ${before.api.name}`, before }],
    };
  },
});
