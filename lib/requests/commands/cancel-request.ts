// The requester withdraws a pending request.
import { defineCommand } from "@/lib/server/command";
import { notFound } from "@/lib/server/errors";
import { cancelRequestInput } from "../schemas";
import { closeRequest } from "./decide-request-step";

export const cancelRequest = defineCommand({
  name: "request.cancel",
  input: cancelRequestInput,
  permission: "request.create",
  callers: { USER: true },
  async execute(tx, { requestId }, access) {
    const request = await tx.accessRequest.findFirst({ where: { id: requestId, requesterId: access.ctx.userId }, select: { id: true } });
    if (!request) throw notFound("The request");
    await closeRequest(tx, request.id, "CANCELLED", new Date());
    await tx.accessRequestStep.updateMany({ where: { requestId, status: { in: ["WAITING", "PENDING"] } }, data: { status: "SKIPPED" } });
    return {
      result: { id: requestId },
      audit: [
        {
          action: "request.cancel",
          targetType: "AccessRequest",
          targetId: requestId,
          summary: "Request cancelled by the requester",
          before: { status: "PENDING" },
          after: { status: "CANCELLED" },
        },
      ],
    };
  },
});
