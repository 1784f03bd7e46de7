// Time-bound access ends by itself. Each grant past its end is locked (lib/locks/claim.ts) and
// expired by its command (conditional on still being ACTIVE), so a second runner changes
// nothing; a scope added for a limited time to a longer grant is removed at its own end.
// Owners hear of an end in advance.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { lockRows } from "@/lib/locks/claim";
import { chunks } from "@/lib/lists/where";
import { notify } from "@/lib/notifications/service";
import { loadPolicy } from "@/lib/policy/policy";
import { systemCtx } from "@/lib/server/authz";
import { inOneTransaction, runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { expireGrant } from "./commands/expire-grant";
import { expireGrantScope } from "./commands/expire-grant-scope";

const EXPIRY = systemCtx("grant expiry");
const DAY = 86_400_000;

export async function expireGrants(now: Date): Promise<number> {
  const due = await db.grant.findMany({ where: { status: "ACTIVE", expiresAt: { lte: now } }, select: { id: true }, orderBy: { id: "asc" }, take: 10_000 });
  let expired = 0;
  for (const batch of chunks(
    due.map((g) => g.id),
    100,
  )) {
    expired += await inOneTransaction(async (nested) => {
      let count = 0;
      for (const grantId of await lockRows(nested.tx, "Grant", batch)) if ((await runCommand(expireGrant, EXPIRY, { grantId, now }, nested)).expired) count++;
      return count;
    });
  }
  return expired;
}

/** Removes scopes whose own end has passed from live grants; returns how many were removed. */
export async function expireGrantScopes(now: Date): Promise<number> {
  const due = await db.grantScope.findMany({
    where: { expiresAt: { lte: now }, grant: { status: { in: [...LIVE_GRANT_STATUSES] } } },
    select: { grantId: true, scopeId: true, expiresAt: true },
    take: 10_000,
  });
  let removed = 0;
  for (const row of due) {
    if (row.expiresAt && (await runCommand(expireGrantScope, EXPIRY, { grantId: row.grantId, scopeId: row.scopeId, expiresAt: row.expiresAt })).removed)
      removed++;
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
    if (!first) continue;
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
