// Time-bound access ends by itself. Each grant past its end is locked (lib/jobs/claim.ts),
// expired with a conditional update (still ACTIVE) and audited, so a second runner changes
// nothing; a scope added for a limited time to a longer grant is removed at its own end.
// Owners hear of an end in advance.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { recordAudit } from "@/lib/audit/service";
import { lockRows } from "@/lib/jobs/claim";
import { chunks } from "@/lib/lists/where";
import { notify } from "@/lib/notifications/service";
import { loadPolicy } from "@/lib/policy/policy";
import type { Actor } from "@/lib/server/authz";
import { db } from "@/lib/server/db";

const SYSTEM: Actor = { kind: "SYSTEM", label: "grant expiry" };
const DAY = 86_400_000;

export async function expireGrants(now: Date): Promise<number> {
  const due = await db.grant.findMany({ where: { status: "ACTIVE", expiresAt: { lte: now } }, select: { id: true }, orderBy: { id: "asc" }, take: 10_000 });
  let expired = 0;
  for (const batch of chunks(due.map((g) => g.id), 100)) {
    expired += await db.$transaction(async (tx) => {
      const grants = await tx.grant.findMany({ where: { id: { in: await lockRows(tx, "Grant", batch) } }, select: { id: true, expiresAt: true } });
      let count = 0;
      for (const grant of grants) {
        const claimed = await tx.grant.updateMany({ where: { id: grant.id, status: "ACTIVE", expiresAt: { lte: now } }, data: { status: "EXPIRED" } });
        if (claimed.count === 0) continue;
        count++;
        await recordAudit(tx, SYSTEM, {
          action: "grant.expire",
          targetType: "Grant",
          targetId: grant.id,
          summary: `Time-bound grant expired at ${grant.expiresAt!.toISOString()}`,
          before: { status: "ACTIVE" },
          after: { status: "EXPIRED" },
        });
      }
      return count;
    });
  }
  return expired;
}

/** Removes scopes whose own end has passed from live grants; returns how many were removed. */
export async function expireGrantScopes(now: Date): Promise<number> {
  const due = await db.grantScope.findMany({
    where: { expiresAt: { lte: now }, grant: { status: { in: [...LIVE_GRANT_STATUSES] } } },
    select: { grantId: true, scopeId: true, expiresAt: true, scope: { select: { name: true } } },
    take: 10_000,
  });
  let removed = 0;
  for (const row of due) {
    await db.$transaction(async (tx) => {
      // Conditional on the same end: an extension approved meanwhile keeps the scope.
      const { count } = await tx.grantScope.deleteMany({ where: { grantId: row.grantId, scopeId: row.scopeId, expiresAt: row.expiresAt } });
      if (count === 0) return;
      removed++;
      await recordAudit(tx, SYSTEM, {
        action: "grant.scope_expire",
        targetType: "Grant",
        targetId: row.grantId,
        summary: `Time-bound scope ${row.scope.name} ended at ${row.expiresAt!.toISOString()}`,
        before: { scope: row.scope.name, expiresAt: row.expiresAt },
      });
    });
  }
  return removed;
}

/**
 * Tells each consumer's owner, once per end date, that a grant or a time-bound scope ends
 * within the policy's notice period, with a link to request an extension.
 */
export async function noticeExpiringAccess(now: Date): Promise<number> {
  const policy = await loadPolicy(db);
  const horizon = new Date(now.getTime() + policy.expiryNoticeDays * DAY);
  const window = { gt: now, lte: horizon };
  const grants = await db.grant.findMany({
    where: { status: "ACTIVE", OR: [{ expiresAt: window }, { scopes: { some: { expiresAt: window } } }], consumer: { ownerId: { not: null } } },
    select: {
      id: true,
      expiresAt: true,
      consumer: { select: { id: true, name: true, ownerId: true } },
      api: { select: { id: true, name: true } },
      scopes: { where: { expiresAt: window }, select: { expiresAt: true, scope: { select: { name: true } } } },
    },
    take: 10_000,
  });
  let sent = 0;
  for (const grant of grants) {
    const endings = [
      ...(grant.expiresAt && grant.expiresAt <= horizon ? [{ what: "the grant", at: grant.expiresAt }] : []),
      ...grant.scopes.map((s) => ({ what: `scope ${s.scope.name}`, at: s.expiresAt! })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    const first = endings[0];
    const created = await notify({
      userId: grant.consumer.ownerId!,
      kind: "grant.expiring",
      title: `Access ends soon: ${grant.consumer.name} on ${grant.api.name}`,
      body: `${endings.map((e) => `${e.what} ends ${e.at.toISOString().slice(0, 10)}`).join("; ")}. To keep it, request an extension.`,
      link: `/requests/new?consumerId=${grant.consumer.id}&apiId=${grant.api.id}`,
      dedupeKey: `grant.expiring:${grant.id}:${first.at.toISOString()}`,
    });
    if (created) sent++;
  }
  return sent;
}
