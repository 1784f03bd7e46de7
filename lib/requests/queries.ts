// Reading access requests. Who sees what: ADMIN and AUDITOR every request; anyone else the
// requests they made, hold a step of, or whose consumer they own.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadPolicy } from "@/lib/policy/policy";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { containsText, db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { paged, type Page } from "@/lib/lists/params";
import { inBatches } from "@/lib/lists/where";
import type { RequestListParams } from "./schemas";

function visibleTo(ctx: Ctx): Prisma.AccessRequestWhereInput {
  if (requirePermission(ctx, "request.read") === "all") return {};
  return {
    OR: [
      { requesterId: ctx.userId },
      { consumer: { ownerId: ctx.userId } },
      { steps: { some: { OR: [{ assigneeId: ctx.userId }, { decidedById: ctx.userId }] } } },
    ],
  };
}

/** Requests whose pending step the caller decides: theirs, or (for an ADMIN) one nobody could take. */
export function toApproveWhere(ctx: Ctx): Prisma.AccessRequestWhereInput {
  const pendingFor = ctx.roles.includes("ADMIN") ? { OR: [{ assigneeId: ctx.userId }, { assigneeId: null }] } : { assigneeId: ctx.userId };
  return { status: "PENDING", steps: { some: { status: "PENDING", ...pendingFor } } };
}

function requestWhere(ctx: Ctx, p: RequestListParams): Prisma.AccessRequestWhereInput {
  const view =
    p.view === "approve" ? toApproveWhere(ctx) : p.view === "mine" || requirePermission(ctx, "request.read") !== "all" ? { requesterId: ctx.userId } : {};
  const and: Prisma.AccessRequestWhereInput[] = [visibleTo(ctx), view];
  if (p.status) and.push({ status: p.status });
  if (p.kind) and.push({ consumer: { kind: p.kind } });
  if (p.q) and.push({ OR: [{ consumer: { name: containsText(p.q) } }, { api: { name: containsText(p.q) } }, { justification: containsText(p.q) }] });
  return { AND: and };
}

const requestRow = {
  id: true,
  status: true,
  durationDays: true,
  justification: true,
  guardrails: true,
  createdAt: true,
  decidedAt: true,
  grantId: true,
  requester: { select: { id: true, name: true } },
  consumer: { select: { id: true, name: true, kind: true } },
  api: { select: { id: true, name: true } },
  scopes: { select: { scope: { select: { name: true, level: true } } }, orderBy: { scope: { name: "asc" } } },
  steps: { select: { kind: true, status: true, assignee: { select: { name: true } } }, orderBy: { position: "asc" } },
} satisfies Prisma.AccessRequestSelect;
export type RequestRow = Prisma.AccessRequestGetPayload<{ select: typeof requestRow }>;

function requestOrder(p: RequestListParams): Prisma.AccessRequestOrderByWithRelationInput[] {
  const by: Prisma.AccessRequestOrderByWithRelationInput =
    p.sort === "consumer" ? { consumer: { name: p.dir } } : p.sort === "api" ? { api: { name: p.dir } } : { [p.sort]: p.dir };
  return [by, { id: "asc" }];
}

export async function listRequests(ctx: Ctx, p: RequestListParams): Promise<Page<RequestRow>> {
  const where = requestWhere(ctx, p);
  return paged(
    p,
    (window) => db.accessRequest.findMany({ where, orderBy: requestOrder(p), select: requestRow, ...window }),
    () => db.accessRequest.count({ where }),
  );
}

export function exportRequests(ctx: Ctx, p: RequestListParams) {
  const where = requestWhere(ctx, p);
  return inBatches((window) => db.accessRequest.findMany({ where, orderBy: requestOrder(p), select: requestRow, ...window }));
}

export async function countToApprove(ctx: Ctx) {
  if (!ctx.roles.some((r) => r === "ADMIN" || r === "OWNER" || r === "MANAGER")) return 0;
  return db.accessRequest.count({ where: toApproveWhere(ctx) });
}

export async function getRequest(ctx: Ctx, id: string) {
  const request = await db.accessRequest.findFirst({
    where: { id, ...visibleTo(ctx) },
    include: {
      requester: { select: { id: true, name: true, email: true } },
      consumer: { select: { id: true, name: true, kind: true, ownerId: true, environment: true, comparableRole: { select: { id: true, name: true } } } },
      api: { select: { id: true, name: true, classification: true, environment: true, owner: { select: { name: true } } } },
      grant: { select: { id: true, status: true, expiresAt: true } },
      scopes: { select: { scope: { select: { id: true, name: true, level: true, description: true } } }, orderBy: { scope: { name: "asc" } } },
      steps: {
        orderBy: { position: "asc" },
        include: { assignee: { select: { id: true, name: true } }, decidedBy: { select: { id: true, name: true } } },
      },
    },
  });
  if (!request) throw notFound("The request");
  return request;
}

/** Consumers the caller may request access for: active ones they own. */
export async function listOwnConsumers(ctx: Ctx) {
  requirePermission(ctx, "request.create");
  return db.consumer.findMany({
    where: { ownerId: ctx.userId, status: "ACTIVE" },
    select: { id: true, name: true, kind: true, environment: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
}

/** APIs a request may name, with their scopes, and the consumer's role baseline to mark scopes beyond it. */
export async function requestFormData(ctx: Ctx, consumerId: string | undefined, apiQuery: string | undefined, apiId: string | undefined) {
  requirePermission(ctx, "request.create");
  const policy = await loadPolicy(db);
  const consumer = consumerId
    ? await db.consumer.findFirst({
        where: { id: consumerId, ownerId: ctx.userId, status: "ACTIVE" },
        select: { id: true, name: true, kind: true, environment: true, comparableRole: { select: { name: true, scopes: { select: { scopeId: true } } } } },
      })
    : null;
  const apis = consumer
    ? await db.api.findMany({
        where: { lifecycle: { not: "RETIRED" }, ...(apiQuery && { name: containsText(apiQuery) }) },
        select: { id: true, name: true, environment: true, classification: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: 50,
      })
    : [];
  const api =
    consumer && apiId
      ? await db.api.findFirst({
          where: { id: apiId, lifecycle: { not: "RETIRED" } },
          select: {
            id: true,
            name: true,
            classification: true,
            scopes: { where: { removedAt: null }, select: { id: true, name: true, level: true, description: true }, orderBy: { name: "asc" } },
          },
        })
      : null;
  const held =
    consumer && api
      ? await db.grant.findFirst({
          where: { consumerId: consumer.id, apiId: api.id, status: { in: [...LIVE_GRANT_STATUSES] } },
          select: { id: true, expiresAt: true, scopes: { select: { scopeId: true, expiresAt: true } } },
        })
      : null;
  return { consumer, apis, api, held, permanentAllowed: consumer ? policy.permanentAllowed[consumer.kind] : true };
}
