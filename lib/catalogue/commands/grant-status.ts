// Suspending and resuming a grant: suspended, decisions deny it at the next call; resumed, it
// allows again what it held. (Revoking is final: revoke-grant.ts.)
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { reasonInput } from "../schemas";

const transition = (name: "grant.suspend" | "grant.resume", from: readonly ("ACTIVE" | "PENDING" | "SUSPENDED")[], to: "SUSPENDED" | "ACTIVE", verb: string) =>
  defineCommand({
    name,
    input: reasonInput,
    permission: "grant.update",
    callers: { USER: true, API_TOKEN: "catalog:write" },
    async execute(tx, { id, reason }, access) {
      const before = await tx.grant.findFirst({
        where: { id, api: access.owned("ownerId") },
        include: { consumer: { select: { name: true } }, api: { select: { name: true } } },
      });
      if (!before) throw notFound("The grant");
      // Conditional: of two changes at once, one wins and the other finds the grant changed.
      const { count } = await tx.grant.updateMany({ where: { id, status: { in: [...from] } }, data: { status: to } });
      if (count === 0) throw conflict(`A ${before.status.toLowerCase()} grant cannot be ${verb}.`);
      return {
        result: { id },
        audit: [
          {
            action: name,
            targetType: "Grant",
            targetId: id,
            summary: `${verb.charAt(0).toUpperCase()}${verb.slice(1)} ${before.consumer.name} on ${before.api.name}. Reason: ${reason}`,
            before: { status: before.status },
            after: { status: to, reason },
          },
        ],
      };
    },
  });

export const suspendGrant = transition("grant.suspend", ["ACTIVE", "PENDING"], "SUSPENDED", "suspended");
export const resumeGrant = transition("grant.resume", ["SUSPENDED"], "ACTIVE", "resumed");
