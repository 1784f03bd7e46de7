// A scope added for a limited time to a longer grant is removed at its own end. Background
// work only: conditional on the same end, so an extension approved meanwhile keeps the scope.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const expireGrantScope = defineCommand({
  name: "grant.scope_expire",
  input: z.strictObject({ grantId: z.string().min(1), scopeId: z.string().min(1), expiresAt: z.coerce.date() }),
  permission: "grant.update",
  callers: { SYSTEM: true },
  async execute(tx, { grantId, scopeId, expiresAt }) {
    const scope = await tx.scope.findUnique({ where: { id: scopeId }, select: { name: true } });
    const { count } = await tx.grantScope.deleteMany({ where: { grantId, scopeId, expiresAt } });
    if (count === 0) return { result: { removed: false }, audit: [] };
    return {
      result: { removed: true },
      audit: [
        {
          action: "grant.scope_expire",
          targetType: "Grant",
          targetId: grantId,
          summary: `Time-bound scope ${scope?.name ?? scopeId} ended at ${expiresAt.toISOString()}`,
          before: { scope: scope?.name ?? scopeId, expiresAt },
        },
      ],
    };
  },
});
