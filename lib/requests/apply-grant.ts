// An approved request takes effect: it creates the grant, or widens the live one without
// lengthening what the request did not name, inside the approval's transaction.
import type { AuditEntry } from "@/lib/audit/service";
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { lockConsumer } from "@/lib/catalogue/commands/grant-scopes";
import type { Tx } from "@/lib/server/db";
import { widenGrant } from "./widen";

const DAY = 86_400_000;

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

/** Creates or widens the grant; returns its id and the audit event of the change. */
export async function applyGrant(tx: Tx, approverId: string, request: ApprovedRequest, now: Date): Promise<{ grantId: string; audit: AuditEntry }> {
  await lockConsumer(tx, request.consumerId);
  const until = request.durationDays ? new Date(now.getTime() + request.durationDays * DAY) : null;
  const scopeIds = request.scopes.map((s) => s.scopeId);
  const names = request.scopes.map((s) => s.scope.name);
  const ending = until ? `, until ${until.toISOString().slice(0, 10)}` : "";
  const live = await tx.grant.findFirst({
    where: { consumerId: request.consumerId, apiId: request.apiId, status: { in: [...LIVE_GRANT_STATUSES] } },
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
    return {
      grantId: grant.id,
      audit: {
        action: "grant.create",
        targetType: "Grant",
        targetId: grant.id,
        summary: `Granted ${request.consumer.name} ${names.join(", ")} on ${request.api.name} by approved request${ending}`,
        after: { ...grant, scopes: names, requestId: request.id },
      },
    };
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
  return {
    grantId: live.id,
    audit: {
      action: "grant.widen",
      targetType: "Grant",
      targetId: live.id,
      summary: `Widened ${request.consumer.name} on ${request.api.name} with ${names.join(", ")} by approved request${ending}`,
      before: { expiresAt: live.expiresAt, scopes: live.scopes },
      after: { expiresAt: after.expiresAt, scopes: merged.scopes, requestId: request.id },
    },
  };
}
