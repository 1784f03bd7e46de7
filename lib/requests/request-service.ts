// Access requests. Authorization invariants: a request is filed only for a consumer the
// caller owns; a step is decided only by the person it is assigned to (or, for a step
// nobody could take, by another ADMIN), never by the requester or the consumer's owner.
// Every decision is a conditional update on a PENDING step, so of two clicks at once
// exactly one wins, and the grant is created or widened in the same transaction.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { recordAudit } from "@/lib/audit/service";
import { notify } from "@/lib/notifications/service";
import { loadPolicy, type Policy } from "@/lib/policy/policy";
import { loadDirectory } from "@/lib/reviews/directory";
import { requirePermission, type Actor, type Ctx } from "@/lib/server/authz";
import { db, provider, type Db, type Tx } from "@/lib/server/db";
import { conflict, forbidden, invalid, notFound } from "@/lib/server/errors";
import { parseInput } from "@/lib/server/validation";
import { planChain } from "./chain";
import { evaluateGuardrails, type Guardrail } from "./guardrails";
import { cancelRequestInput, requestInput, requestPreviewInput, stepDecisionInput } from "./schemas";
import { widenGrant } from "./widen";

const DAY = 86_400_000;
const LIVE = LIVE_GRANT_STATUSES;
const STEP_LABEL = { MANAGER: "Manager", API_OWNER: "API owner", ADMIN: "Administrator" } as const;

/** The consumer the caller owns, with what the guardrails read. A consumer of someone else reads as missing. */
async function ownedConsumer(tx: Db | Tx, ctx: Ctx, consumerId: string) {
  const consumer = await tx.consumer.findFirst({
    where: { id: consumerId, ownerId: ctx.userId },
    select: {
      id: true,
      name: true,
      kind: true,
      status: true,
      ownerId: true,
      comparableRole: { select: { name: true, scopes: { select: { scopeId: true } } } },
      credentials: {
        where: { credential: { revokedAt: null } },
        select: { credential: { select: { label: true, accessTokenTtlSeconds: true, senderConstraint: true } } },
      },
    },
  });
  if (!consumer) throw notFound("The consumer");
  return consumer;
}

async function evaluate(tx: Db | Tx, ctx: Ctx, policy: Policy, input: { consumerId: string; apiId: string; scopeIds: string[] }) {
  const consumer = await ownedConsumer(tx, ctx, input.consumerId);
  const api = await tx.api.findUnique({ where: { id: input.apiId }, select: { id: true, name: true, classification: true, lifecycle: true, ownerId: true } });
  if (!api) throw notFound("The API");
  const scopes = await tx.scope.findMany({ where: { apiId: api.id, id: { in: input.scopeIds } }, select: { id: true, name: true, level: true }, orderBy: { name: "asc" } });
  if (scopes.length !== new Set(input.scopeIds).size) {
    throw invalid("Some fields need attention.", { scopeIds: ["Every scope must be one the API declares"] });
  }
  const guardrails = evaluateGuardrails(
    {
      consumer: {
        kind: consumer.kind,
        name: consumer.name,
        comparableRole: consumer.comparableRole && { name: consumer.comparableRole.name, scopeIds: new Set(consumer.comparableRole.scopes.map((s) => s.scopeId)) },
      },
      credentials: consumer.credentials.map((c) => c.credential),
      api,
      scopes,
    },
    policy,
  );
  return { consumer, api, scopes, guardrails };
}

/** What the requester sees while filling the form: the guardrails and whether "permanent" is allowed. */
export async function previewRequest(ctx: Ctx, raw: unknown) {
  const input = parseInput(requestPreviewInput, raw);
  requirePermission(ctx, "request.create");
  const policy = await loadPolicy(db);
  const { consumer, guardrails } = await evaluate(db, ctx, policy, input);
  return { guardrails, permanentAllowed: policy.permanentAllowed[consumer.kind], kind: consumer.kind };
}

export async function submitRequest(ctx: Ctx, raw: unknown) {
  const input = parseInput(requestInput, raw);
  requirePermission(ctx, "request.create");
  const policy = await loadPolicy(db);
  const created = await db.$transaction(async (tx) => {
    const { consumer, api, scopes, guardrails } = await evaluate(tx, ctx, policy, input);
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
      requesterId: ctx.userId,
      consumerOwnerId: consumer.ownerId,
      apiOwnerId: api.ownerId,
      needsAdmin: guardrails.some((g) => g.needsAdmin),
    });
    const request = await tx.accessRequest.create({
      data: {
        requesterId: ctx.userId,
        consumerId: consumer.id,
        apiId: api.id,
        durationDays: input.duration === "permanent" ? null : Number(input.duration),
        justification: input.justification,
        exceptionJustification: input.exceptionJustification ?? null,
        guardrails,
        scopes: { create: scopes.map((s) => ({ scopeId: s.id })) },
        steps: {
          create: steps.map((s, position) => ({ position, kind: s.kind, assigneeId: s.assigneeId, handOffNote: s.handOff, status: position === 0 ? "PENDING" : "WAITING" })),
        },
      },
      include: { steps: { orderBy: { position: "asc" } } },
    });
    await recordAudit(tx, ctx.actor, {
      action: "request.create",
      targetType: "AccessRequest",
      targetId: request.id,
      summary: `Requested ${scopes.map((s) => s.name).join(", ")} on ${api.name} for ${consumer.name} (${input.duration === "permanent" ? "no end" : `${input.duration} days`})${guardrails.length ? `; guardrails: ${guardrails.map((g) => g.code).join(", ")}` : ""}`,
      after: { scopes: scopes.map((s) => s.name), durationDays: request.durationDays, guardrails, steps },
    });
    return { request, consumer, api };
  });
  await announceStep(created.request.id);
  return { id: created.request.id };
}

/** A request that would add nothing (every scope already held with no end) is refused up front. */
async function refuseIfAlreadyHeld(tx: Tx, consumerId: string, apiId: string, scopes: { id: string; name: string }[]) {
  const grant = await tx.grant.findFirst({
    where: { consumerId, apiId, status: { in: [...LIVE] } },
    select: { expiresAt: true, scopes: { select: { scopeId: true, expiresAt: true } } },
  });
  if (!grant || grant.expiresAt) return;
  const forever = new Set(grant.scopes.filter((s) => s.expiresAt === null).map((s) => s.scopeId));
  if (scopes.every((s) => forever.has(s.id))) {
    throw invalid("Some fields need attention.", { scopeIds: ["The consumer already holds every one of these scopes with no end"] });
  }
}

function mayDecide(ctx: Pick<Ctx, "userId" | "roles">, step: { assigneeId: string | null }, earlierDeciders: Set<string>) {
  if (step.assigneeId) return step.assigneeId === ctx.userId;
  // Nobody could be assigned: any other administrator may take it.
  return ctx.roles.includes("ADMIN") && !earlierDeciders.has(ctx.userId);
}

type DecidableRequest = {
  status: string;
  requesterId: string;
  consumer: { ownerId: string | null };
  steps: { status: string; assigneeId: string | null; decidedById: string | null }[];
};

/** Whether the caller decides the request's pending step now; the page shows the form exactly when decideStep would accept it. */
export function decidesNow(ctx: Pick<Ctx, "userId" | "roles">, request: DecidableRequest): boolean {
  const step = request.steps.find((s) => s.status === "PENDING");
  if (request.status !== "PENDING" || !step) return false;
  if (ctx.userId === request.requesterId || ctx.userId === request.consumer.ownerId) return false;
  return mayDecide(ctx, step, new Set(request.steps.filter((s) => s.decidedById).map((s) => s.decidedById!)));
}

export async function decideStep(ctx: Ctx, raw: unknown) {
  const input = parseInput(stepDecisionInput, raw);
  requirePermission(ctx, "request.approve");
  const outcome = await db.$transaction(async (tx) => {
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
    const earlier = new Set(request.steps.filter((s) => s.decidedById).map((s) => s.decidedById!));
    if (!step || !mayDecide(ctx, step, earlier)) {
      if (step && request.steps.some((s) => s.assigneeId === ctx.userId)) throw conflict("This request is waiting for another step first.");
      throw request.status === "PENDING" ? forbidden("This step is assigned to someone else.") : conflict(`This request has already been ${request.status.toLowerCase()}.`);
    }
    // Checked again at decision time: ownership may have changed since the chain was planned.
    if (ctx.userId === request.requesterId || ctx.userId === request.consumer.ownerId) {
      throw forbidden("You made this request or own its consumer: separation of duties keeps you from approving it. Reassign the consumer's approval through an administrator.");
    }
    const now = new Date();
    const decided = input.decision === "APPROVE" ? "APPROVED" : "DENIED";
    const { count } = await tx.accessRequestStep.updateMany({
      where: { id: step.id, status: "PENDING" },
      data: { status: decided, decidedById: ctx.userId, comment: input.comment || null, decidedAt: now },
    });
    if (count === 0) throw conflict("Someone decided this step a moment ago. Reload to see the outcome.");
    const what = `${request.scopes.map((s) => s.scope.name).join(", ")} on ${request.api.name} for ${request.consumer.name}`;
    await recordAudit(tx, ctx.actor, {
      action: input.decision === "APPROVE" ? "request.approve" : "request.deny",
      targetType: "AccessRequest",
      targetId: request.id,
      summary: `${STEP_LABEL[step.kind]} step ${decided.toLowerCase()}: ${what}${input.comment ? ` — ${input.comment}` : ""}`,
      before: { step: step.kind, status: "PENDING" },
      after: { step: step.kind, status: decided, comment: input.comment },
    });

    if (input.decision === "DENY") {
      await tx.accessRequestStep.updateMany({ where: { requestId: request.id, status: "WAITING" }, data: { status: "SKIPPED" } });
      await closeRequest(tx, request.id, "DENIED", now);
      return { requestId: request.id, status: "DENIED" as const, grantId: null };
    }
    const next = request.steps.find((s) => s.position > step.position && s.status === "WAITING");
    if (next) {
      await tx.accessRequestStep.update({ where: { id: next.id }, data: { status: "PENDING" } });
      return { requestId: request.id, status: "PENDING" as const, grantId: null };
    }
    await closeRequest(tx, request.id, "APPROVED", now);
    const grantId = await applyGrant(tx, ctx.actor, ctx.userId, request, now);
    await tx.accessRequest.update({ where: { id: request.id }, data: { grantId } });
    return { requestId: request.id, status: "APPROVED" as const, grantId };
  });
  await (outcome.status === "PENDING" ? announceStep(outcome.requestId) : announceOutcome(outcome.requestId));
  return outcome;
}

async function closeRequest(tx: Tx, id: string, status: "APPROVED" | "DENIED" | "CANCELLED", now: Date) {
  const { count } = await tx.accessRequest.updateMany({ where: { id, status: "PENDING" }, data: { status, decidedAt: now } });
  if (count === 0) throw conflict("This request was decided a moment ago. Reload to see the outcome.");
}

type ApprovedRequest = {
  id: string;
  consumerId: string;
  apiId: string;
  requesterId: string;
  durationDays: number | null;
  justification: string;
  scopes: { scopeId: string; scope: { name: string } }[];
  consumer: { name: string };
  api: { name: string };
};

/** Creates the grant, or widens the live one, with the approved end. Returns the grant id. */
async function applyGrant(tx: Tx, actor: Actor, approverId: string, request: ApprovedRequest, now: Date): Promise<string> {
  // On PostgreSQL two approvals for the same consumer could otherwise both see "no grant yet".
  if (provider() === "postgresql") await tx.$executeRaw`SELECT 1 FROM "Consumer" WHERE id = ${request.consumerId} FOR UPDATE`;
  const until = request.durationDays ? new Date(now.getTime() + request.durationDays * DAY) : null;
  const scopeIds = request.scopes.map((s) => s.scopeId);
  const names = request.scopes.map((s) => s.scope.name);
  const live = await tx.grant.findFirst({
    where: { consumerId: request.consumerId, apiId: request.apiId, status: { in: [...LIVE] } },
    include: { scopes: { select: { scopeId: true, expiresAt: true } } },
  });
  if (!live) {
    const grant = await tx.grant.create({
      data: {
        consumerId: request.consumerId,
        apiId: request.apiId,
        origin: "REQUEST",
        justification: request.justification,
        grantedById: request.requesterId,
        approvedById: approverId,
        expiresAt: until,
        scopes: { create: scopeIds.map((scopeId) => ({ scopeId })) },
      },
    });
    await recordAudit(tx, actor, {
      action: "grant.create",
      targetType: "Grant",
      targetId: grant.id,
      summary: `Granted ${request.consumer.name} ${names.join(", ")} on ${request.api.name} by approved request${until ? `, until ${until.toISOString().slice(0, 10)}` : ""}`,
      after: { ...grant, scopes: names, requestId: request.id },
    });
    return grant.id;
  }
  const merged = widenGrant(live, scopeIds, until);
  const held = new Map(live.scopes.map((s) => [s.scopeId, s.expiresAt]));
  for (const scope of merged.scopes) {
    if (!held.has(scope.scopeId)) {
      await tx.grantScope.create({ data: { grantId: live.id, scopeId: scope.scopeId, expiresAt: scope.expiresAt } });
    } else if (held.get(scope.scopeId)?.getTime() !== scope.expiresAt?.getTime()) {
      await tx.grantScope.update({ where: { grantId_scopeId: { grantId: live.id, scopeId: scope.scopeId } }, data: { expiresAt: scope.expiresAt } });
    }
  }
  const after = await tx.grant.update({ where: { id: live.id }, data: { expiresAt: merged.expiresAt, approvedById: approverId } });
  await recordAudit(tx, actor, {
    action: "grant.widen",
    targetType: "Grant",
    targetId: live.id,
    summary: `Widened ${request.consumer.name} on ${request.api.name} with ${names.join(", ")} by approved request${until ? `, until ${until.toISOString().slice(0, 10)}` : ""}`,
    before: { expiresAt: live.expiresAt, scopes: live.scopes },
    after: { expiresAt: after.expiresAt, scopes: merged.scopes, requestId: request.id },
  });
  return live.id;
}

export async function cancelRequest(ctx: Ctx, raw: unknown) {
  const { requestId } = parseInput(cancelRequestInput, raw);
  requirePermission(ctx, "request.create");
  return db.$transaction(async (tx) => {
    const request = await tx.accessRequest.findFirst({ where: { id: requestId, requesterId: ctx.userId }, select: { id: true, status: true } });
    if (!request) throw notFound("The request");
    await closeRequest(tx, request.id, "CANCELLED", new Date());
    await tx.accessRequestStep.updateMany({ where: { requestId, status: { in: ["WAITING", "PENDING"] } }, data: { status: "SKIPPED" } });
    await recordAudit(tx, ctx.actor, { action: "request.cancel", targetType: "AccessRequest", targetId: requestId, summary: "Request cancelled by the requester", before: { status: "PENDING" }, after: { status: "CANCELLED" } });
    return { id: requestId };
  });
}

/** Tells whoever holds the request's pending step; once per step. */
async function announceStep(requestId: string) {
  const step = await db.accessRequestStep.findFirst({
    where: { requestId, status: "PENDING", assigneeId: { not: null } },
    include: { request: { select: { consumer: { select: { name: true } }, api: { select: { name: true } }, guardrails: true } } },
  });
  if (!step?.assigneeId) return;
  const flags = (step.request.guardrails as Guardrail[]).length;
  await notify({
    userId: step.assigneeId,
    kind: "request.approve",
    title: `Access request to approve: ${step.request.consumer.name} on ${step.request.api.name}`,
    body: `You decide the ${STEP_LABEL[step.kind].toLowerCase()} step.${flags ? ` ${flags} guardrail(s) flagged.` : ""}`,
    link: `/requests/${requestId}`,
    dedupeKey: `request.step:${step.id}`,
  });
}

async function announceOutcome(requestId: string) {
  const request = await db.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { requesterId: true, status: true, consumer: { select: { name: true } }, api: { select: { name: true } }, steps: { where: { status: "DENIED" }, select: { comment: true } } },
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
