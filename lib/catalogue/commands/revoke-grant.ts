// Revokes a live grant, with the reason.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { reasonInput } from "../schemas";

export const revokeGrant = defineCommand({
  name: "grant.revoke",
  input: reasonInput,
  permission: "grant.revoke",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, { id, reason }, access) {
    const before = await tx.grant.findFirst({
      where: { id, api: access.owned("ownerId") },
      include: { consumer: { select: { name: true } }, api: { select: { name: true } } },
    });
    if (!before) throw notFound("The grant");
    // Conditional update: two people revoking at once cannot both win.
    const { count } = await tx.grant.updateMany({
      where: { id, status: { in: [...LIVE_GRANT_STATUSES] } },
      data: { status: "REVOKED", revokedAt: new Date() },
    });
    if (count === 0) throw conflict("This grant is no longer live.");
    return {
      result: { id },
      audit: [
        {
          action: "grant.revoke",
          targetType: "Grant",
          targetId: id,
          summary: `Revoked ${before.consumer.name} on ${before.api.name}. Reason: ${reason}`,
          before: { status: before.status },
          after: { status: "REVOKED", reason },
        },
      ],
    };
  },
});
