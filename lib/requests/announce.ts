// Notices about requests, sent after the change that causes them has committed.
import { counted } from "@/lib/format";
import { notify } from "@/lib/notifications/service";
import { db } from "@/lib/server/db";
import { storedGuardrails } from "./schemas";

export const STEP_LABEL = { MANAGER: "Manager", API_OWNER: "API owner", ADMIN: "Administrator" } as const;

/** Tells whoever holds the request's pending step; once per step. */
export async function announceStep(requestId: string) {
  const step = await db.accessRequestStep.findFirst({
    where: { requestId, status: "PENDING", assigneeId: { not: null } },
    include: { request: { select: { consumer: { select: { name: true } }, api: { select: { name: true } }, guardrails: true } } },
  });
  if (!step?.assigneeId) return;
  const flags = storedGuardrails.catch([]).parse(step.request.guardrails).length;
  await notify({
    userId: step.assigneeId,
    kind: "request.approve",
    title: `Access request to approve: ${step.request.consumer.name} on ${step.request.api.name}`,
    body: `You decide the ${STEP_LABEL[step.kind].toLowerCase()} step.${flags ? ` ${counted(flags, "guardrail")} flagged.` : ""}`,
    link: `/requests/${requestId}`,
    dedupeKey: `request.step:${step.id}`,
  });
}

/** Tells the requester at once that a step of their request has nobody who may decide it; once. */
export async function announceStalled(requestId: string) {
  const request = await db.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      requesterId: true,
      consumer: { select: { name: true } },
      api: { select: { name: true } },
      steps: { where: { assigneeId: null }, select: { id: true, kind: true }, orderBy: { position: "asc" } },
    },
  });
  const [step] = request.steps;
  if (!step) return;
  await notify({
    userId: request.requesterId,
    kind: "request.stalled",
    title: `Nobody may approve your request yet: ${request.consumer.name} on ${request.api.name}`,
    body: `Nobody is eligible for the ${STEP_LABEL[step.kind].toLowerCase()} step. Ask an administrator to set a fallback approver in Settings → Policies.`,
    link: `/requests/${requestId}`,
    dedupeKey: `request.stalled:${step.id}`,
  });
}

/** Tells the requester how their request ended; once. */
export async function announceOutcome(requestId: string) {
  const request = await db.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      requesterId: true,
      status: true,
      consumer: { select: { name: true } },
      api: { select: { name: true } },
      steps: { where: { status: "DENIED" }, select: { comment: true } },
    },
  });
  await notify({
    userId: request.requesterId,
    kind: `request.${request.status.toLowerCase()}`,
    title: `Access request ${request.status.toLowerCase()}: ${request.consumer.name} on ${request.api.name}`,
    body: request.status === "DENIED" ? `Reason: ${request.steps[0]?.comment ?? "not given"}` : "The grant is in place.",
    link: `/requests/${requestId}`,
    dedupeKey: `request.outcome:${requestId}`,
  });
}
