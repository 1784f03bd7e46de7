// A time-bound grant past its end expires. Background work only: conditional on the grant
// still being ACTIVE and past its end, so a second runner changes nothing.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";

export const expireGrant = defineCommand({
  name: "grant.expire",
  input: z.strictObject({ grantId: z.string().min(1), now: z.coerce.date() }),
  permission: "grant.revoke",
  callers: { SYSTEM: true },
  async execute(tx, { grantId, now }) {
    const grant = await tx.grant.findUnique({ where: { id: grantId }, select: { expiresAt: true } });
    const { count } = await tx.grant.updateMany({ where: { id: grantId, status: "ACTIVE", expiresAt: { lte: now } }, data: { status: "EXPIRED" } });
    if (count === 0 || !grant?.expiresAt) return { result: { expired: false }, audit: [] };
    return {
      result: { expired: true },
      audit: [
        {
          action: "grant.expire",
          targetType: "Grant",
          targetId: grantId,
          summary: `Time-bound grant expired at ${grant.expiresAt.toISOString()}`,
          before: { status: "ACTIVE" },
          after: { status: "EXPIRED" },
        },
      ],
    };
  },
});
