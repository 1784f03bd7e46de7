// Approves or denies the pending step of a request. Authorization invariant: only the person
// the step is assigned to (or, for a step nobody could take, another ADMIN), never the
// requester or the consumer's owner. The decision is a conditional update on a PENDING step,
// so of two clicks at once exactly one wins; the last approval creates or widens the grant in
// the same transaction.
import type { AuditEntry } from "@/lib/audit/service";
import { defineCommand, type Change } from "@/lib/server/command";
import type { Tx } from "@/lib/server/db";
import { conflict, forbidden, invalid, notFound } from "@/lib/server/errors";
import { announceOutcome, announceStep, STEP_LABEL } from "../announce";
import { applyGrant } from "../apply-grant";
import { earlierDeciders, mayDecide } from "../decide-rules";
import { stepDecisionInput, storedGuardrails } from "../schemas";

export async function closeRequest(tx: Tx, id: string, status: "APPROVED" | "DENIED" | "CANCELLED", now: Date) {
  const { count } = await tx.accessRequest.updateMany({ where: { id, status: "PENDING" }, data: { status, decidedAt: now } });
  if (count === 0) throw conflict("This request was decided a moment ago. Reload to see the outcome.");
}

type Decided = { requestId: string; status: "APPROVED" | "DENIED" | "PENDING"; grantId: string | null };

export const decideRequestStep = defineCommand({
  name: "request.decide",
  input: stepDecisionInput,
  permission: "request.approve",
  callers: { USER: true },
  async execute(tx, input, access): Promise<Change<Decided>> {
    const { ctx } = access;
    const request = await tx.accessRequest.findUnique({
      where: { id: input.requestId },
      include: {
        steps: { orderBy: { position: "asc" } },
        scopes: { select: { scopeId: true, scope: { select: { name: true } } } },
        consumer: { select: { id: true, name: true, ownerId: true } },
        api: { select: { name: true } },
      },
    });
    if (!request) throw notFound("The request");
    const step = request.steps.find((s) => s.status === "PENDING");
    if (!step || !mayDecide(ctx, step, earlierDeciders(request.steps))) {
      if (step && request.steps.some((s) => s.assigneeId === ctx.userId)) throw conflict("This request is waiting for another step first.");
      throw request.status === "PENDING"
        ? forbidden("This step is assigned to someone else.")
        : conflict(`This request has already been ${request.status.toLowerCase()}.`);
    }
    // Checked again at decision time: ownership may have changed since the chain was planned.
    if (ctx.userId === request.requesterId || ctx.userId === request.consumer.ownerId) {
      throw forbidden(
        "You made this request or own its consumer: separation of duties keeps you from approving it. Reassign the consumer's approval through an administrator.",
      );
    }
    // Approving past a guardrail is a decision to own: read them, and say why.
    const flags = storedGuardrails.catch([]).parse(request.guardrails);
    if (input.decision === "APPROVE" && flags.length > 0) {
      const errors: Record<string, string[]> = {};
      if (!input.acknowledged)
        errors.acknowledged = [`Confirm you have read the ${flags.length === 1 ? "guardrail" : `${flags.length} guardrails`} this request trips`];
      if (input.comment.length < 5) errors.comment = ["Say why you approve despite the guardrails (at least 5 characters)"];
      if (Object.keys(errors).length > 0) throw invalid("Some fields need attention.", errors);
    }
    const now = new Date();
    const decided = input.decision === "APPROVE" ? "APPROVED" : "DENIED";
    const { count } = await tx.accessRequestStep.updateMany({
      where: { id: step.id, status: "PENDING" },
      data: { status: decided, decidedById: ctx.userId, comment: input.comment || null, decidedAt: now },
    });
    if (count === 0) throw conflict("Someone decided this step a moment ago. Reload to see the outcome.");
    const what = `${request.scopes.map((s) => s.scope.name).join(", ")} on ${request.api.name} for ${request.consumer.name}`;
    const audit: AuditEntry[] = [
      {
        action: input.decision === "APPROVE" ? "request.approve" : "request.deny",
        targetType: "AccessRequest",
        targetId: request.id,
        summary: `${STEP_LABEL[step.kind]} step ${decided.toLowerCase()}: ${what}${input.comment ? ` — ${input.comment}` : ""}`,
        before: { step: step.kind, status: "PENDING" },
        after: { step: step.kind, status: decided, comment: input.comment },
      },
    ];

    if (input.decision === "DENY") {
      await tx.accessRequestStep.updateMany({ where: { requestId: request.id, status: "WAITING" }, data: { status: "SKIPPED" } });
      await closeRequest(tx, request.id, "DENIED", now);
      return { result: { requestId: request.id, status: "DENIED", grantId: null }, audit, after: () => announceOutcome(request.id) };
    }
    const next = request.steps.find((s) => s.position > step.position && s.status === "WAITING");
    if (next) {
      await tx.accessRequestStep.update({ where: { id: next.id }, data: { status: "PENDING" } });
      return { result: { requestId: request.id, status: "PENDING", grantId: null }, audit, after: () => announceStep(request.id) };
    }
    await closeRequest(tx, request.id, "APPROVED", now);
    const applied = await applyGrant(tx, ctx.userId, request, now);
    await tx.accessRequest.update({ where: { id: request.id }, data: { grantId: applied.grantId } });
    return {
      result: { requestId: request.id, status: "APPROVED", grantId: applied.grantId },
      audit: [...audit, applied.audit],
      after: () => announceOutcome(request.id),
    };
  },
});
