// Decommissioning is final: the consumer's live grants are revoked, and credentials that
// serve only this consumer are revoked, all in one transaction with the status change.
import { counted } from "@/lib/format";
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { reasonInput } from "../schemas";

export const decommissionConsumer = defineCommand({
  name: "consumer.decommission",
  input: reasonInput,
  permission: "consumer.decommission",
  callers: { USER: true, API_TOKEN: "catalog:write" },
  async execute(tx, { id, reason }, access) {
    const now = new Date();
    const before = await tx.consumer.findFirst({ where: { id, ...access.owned("ownerId") } });
    if (!before) throw notFound("The consumer");
    if (before.status === "DECOMMISSIONED") throw conflict("This consumer is already decommissioned.");
    const live = await tx.grant.findMany({ where: { consumerId: id, status: { in: [...LIVE_GRANT_STATUSES] } }, select: { id: true, status: true } });
    await tx.grant.updateMany({ where: { id: { in: live.map((g) => g.id) } }, data: { status: "REVOKED", revokedAt: now } });
    const sole = await tx.credential.findMany({
      where: { revokedAt: null, consumers: { some: { consumerId: id } }, NOT: { consumers: { some: { consumerId: { not: id } } } } },
      select: { id: true },
    });
    await tx.credential.updateMany({ where: { id: { in: sole.map((c) => c.id) } }, data: { revokedAt: now } });
    const after = await tx.consumer.update({ where: { id }, data: { status: "DECOMMISSIONED", decommissionedAt: now } });
    return {
      result: { consumer: after, revokedGrants: live.length, revokedCredentials: sole.length },
      audit: [
        {
          action: "consumer.decommission",
          targetType: "Consumer",
          targetId: id,
          summary: `Decommissioned ${before.name}: ${counted(live.length, "grant")} and ${counted(sole.length, "credential")} revoked. Reason: ${reason}`,
          before: { status: before.status },
          after: { status: after.status, revokedGrantIds: live.map((g) => g.id), revokedCredentialIds: sole.map((c) => c.id) },
        },
        ...live.map((grant) => ({
          action: "grant.revoke",
          targetType: "Grant",
          targetId: grant.id,
          summary: `Revoked because consumer ${before.name} was decommissioned`,
          before: { status: grant.status },
          after: { status: "REVOKED" },
        })),
      ],
    };
  },
});
