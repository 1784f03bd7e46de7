// The audit log, for ADMIN and AUDITOR only (permission "audit.read").
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { containsText, db } from "@/lib/server/db";
import { type Page, optionalId, pageParams, paged } from "@/lib/lists/params";
import { defined, inBatches } from "@/lib/lists/where";
import { changedFields } from "./diff";
import { targetKey, targetNames } from "./target-names";

const optionalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const auditListParams = pageParams.extend({
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  action: z.string().trim().max(80).optional().catch(undefined),
  targetType: z.string().trim().max(40).optional().catch(undefined),
  targetId: optionalId,
  actorUserId: optionalId,
  from: optionalDay,
  to: optionalDay,
});
export type AuditListParams = z.infer<typeof auditListParams>;

function auditWhere(p: AuditListParams): Prisma.AuditEventWhereInput {
  const at = defined({
    gte: p.from ? new Date(`${p.from}T00:00:00Z`) : undefined,
    lt: p.to ? new Date(new Date(`${p.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
  });
  return defined({
    action: p.action ? { startsWith: p.action } : undefined,
    targetType: p.targetType,
    targetId: p.targetId,
    actorUserId: p.actorUserId,
    at: Object.keys(at).length ? at : undefined,
    OR: p.q ? [{ summary: containsText(p.q) }, { actorLabel: containsText(p.q) }] : undefined,
  });
}

const auditRow = {
  id: true,
  seq: true,
  at: true,
  actorKind: true,
  actorLabel: true,
  action: true,
  targetType: true,
  targetId: true,
  summary: true,
  before: true,
  after: true,
  prevHash: true,
  hash: true,
} satisfies Prisma.AuditEventSelect;

export type AuditRow = Prisma.AuditEventGetPayload<{ select: typeof auditRow }>;

export async function listAuditEvents(ctx: Ctx, p: AuditListParams): Promise<Page<AuditRow>> {
  requirePermission(ctx, "audit.read");
  const where = auditWhere(p);
  return paged(
    p,
    (window) => db.auditEvent.findMany({ where, orderBy: [{ at: p.dir }, { seq: p.dir }], select: auditRow, ...window }),
    () => db.auditEvent.count({ where }),
  );
}

export function exportAuditEvents(ctx: Ctx, p: AuditListParams) {
  requirePermission(ctx, "audit.read");
  const where = auditWhere(p);
  return inBatches((window) => db.auditEvent.findMany({ where, orderBy: [{ at: p.dir }, { seq: p.dir }], select: auditRow, ...window }));
}

export async function listAuditActions(ctx: Ctx) {
  requirePermission(ctx, "audit.read");
  const rows = await db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}

/** People the log can be filtered by, as the actor of its events. */
export async function listAuditActors(ctx: Ctx) {
  requirePermission(ctx, "audit.read");
  return db.user.findMany({ select: { id: true, name: true, email: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** A page of events with each target's name and each change field by field. */
export async function describeEvents(ctx: Ctx, rows: AuditRow[]) {
  // Names of records are read for the audit's readers only, like the events themselves.
  requirePermission(ctx, "audit.read");
  const names = await targetNames(rows);
  return rows.map((event) => ({
    ...event,
    target: names.get(targetKey(event.targetType, event.targetId)) ?? null,
    changes: changedFields(event.before, event.after),
  }));
}

/**
 * Whether the chain held at the background runner's latest walk, and how far the log has grown
 * since: what /audit says above the events.
 */
export async function getAuditIntegrity(ctx: Ctx) {
  requirePermission(ctx, "audit.read");
  const [verification, head] = await Promise.all([
    db.auditVerification.findUnique({ where: { id: 1 } }),
    db.auditHead.findUnique({ where: { id: 1 }, select: { seq: true } }),
  ]);
  return { verification, head: head?.seq ?? 0 };
}
