// Files an access request for a consumer the caller owns. The guardrails are judged again
// inside the transaction, the approval chain is planned (separation of duties), and the first
// approver hears of it once the request has committed.
import { loadPolicy } from "@/lib/policy/policy";
import { loadDirectory } from "@/lib/org-chart/directory";
import { defineCommand } from "@/lib/server/command";
import { conflict, invalid } from "@/lib/server/errors";
import { announceStalled, announceStep } from "../announce";
import { planChain } from "../chain";
import { evaluateRequest, refuseIfAlreadyHeld } from "../evaluate";
import { requestInput } from "../schemas";

export const submitRequest = defineCommand({
  name: "request.create",
  input: requestInput,
  permission: "request.create",
  callers: { USER: true },
  async execute(tx, input, access) {
    const policy = await loadPolicy(tx);
    const { consumer, api, scopes, guardrails } = await evaluateRequest(tx, access.ctx, policy, input);
    if (consumer.status !== "ACTIVE") throw conflict(`${consumer.name} is ${consumer.status.toLowerCase()}: only active consumers can request access.`);
    if (api.lifecycle === "RETIRED") throw conflict(`${api.name} is retired: it cannot be granted.`);
    if (input.duration === "permanent" && !policy.permanentAllowed[consumer.kind]) {
      throw invalid("Some fields need attention.", { duration: [`Policy allows only time-bound access for ${consumer.kind} consumers: choose an end`] });
    }
    if (guardrails.some((g) => g.needsException) && (input.exceptionJustification ?? "").length < 10) {
      throw invalid("Some fields need attention.", {
        exceptionJustification: ["This asks for more access than a comparable human holds: justify the exception (at least 10 characters)"],
      });
    }
    const waiting = await tx.accessRequest.findFirst({ where: { consumerId: consumer.id, apiId: api.id, status: "PENDING" }, select: { id: true } });
    if (waiting) throw conflict(`A request for ${consumer.name} on ${api.name} is already waiting for approval: cancel it or wait for its outcome.`);
    await refuseIfAlreadyHeld(tx, consumer.id, api.id, scopes);

    const steps = planChain(await loadDirectory(tx), {
      requesterId: access.ctx.userId,
      consumerOwnerId: consumer.ownerId,
      apiOwnerId: api.ownerId,
      needsAdmin: guardrails.some((g) => g.needsAdmin),
      fallbackId: policy.fallbackApproverId,
    });
    const request = await tx.accessRequest.create({
      data: {
        requesterId: access.ctx.userId,
        consumerId: consumer.id,
        apiId: api.id,
        durationDays: input.duration === "permanent" ? null : Number(input.duration),
        justification: input.justification,
        exceptionJustification: input.exceptionJustification ?? null,
        guardrails,
        scopes: { create: scopes.map((s) => ({ scopeId: s.id })) },
        steps: {
          create: steps.map((s, position) => ({
            position,
            kind: s.kind,
            assigneeId: s.assigneeId,
            handOffNote: s.handOff,
            status: position === 0 ? "PENDING" : "WAITING",
          })),
        },
      },
    });
    const length = input.duration === "permanent" ? "no end" : `${input.duration} days`;
    return {
      result: { id: request.id },
      audit: [
        {
          action: "request.create",
          targetType: "AccessRequest",
          targetId: request.id,
          summary: `Requested ${scopes.map((s) => s.name).join(", ")} on ${api.name} for ${consumer.name} (${length})${guardrails.length ? `; guardrails: ${guardrails.map((g) => g.code).join(", ")}` : ""}`,
          after: { scopes: scopes.map((s) => s.name), durationDays: request.durationDays, guardrails, steps },
        },
      ],
      after: async () => {
        await announceStep(request.id);
        if (steps.some((s) => s.assigneeId === null)) await announceStalled(request.id);
      },
    };
  },
});
