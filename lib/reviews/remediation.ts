// Remediation: when an item's last stage closes, its outcome is applied to the live
// grant exactly once. The item is claimed with a conditional update (remediatedAt still
// null); whoever loses the claim — a second runner, a retry — changes nothing.
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import { recordAudit } from "@/lib/audit/service";
import type { Actor } from "@/lib/server/authz";
import type { Tx } from "@/lib/server/db";
import { finalOutcome } from "./item-state";

const LIVE = LIVE_GRANT_STATUSES;

export async function remediateItem(tx: Tx, actor: Actor, itemId: string, now = new Date()): Promise<boolean> {
  const item = await tx.reviewItem.findUnique({
    where: { id: itemId },
    select: { id: true, status: true, grantId: true, campaignId: true, stage1Decision: true, stage2Decision: true, outcome: true, recommendation: true, keptScopeIds: true, remediatedAt: true, consumerId: true },
  });
  if (!item || item.status !== "CLOSED" || item.remediatedAt) return false;
  const outcome = finalOutcome(item);
  const grant = await tx.grant.findUnique({ where: { id: item.grantId }, include: { scopes: { include: { scope: { select: { name: true } } } } } });
  let text: string;
  if (!grant || !LIVE.includes(grant.status as (typeof LIVE)[number])) {
    text = `Nothing to change: the grant is ${grant ? grant.status.toLowerCase() : "gone"}`;
  } else if (outcome === "REVOKE") {
    text = "Grant revoked";
  } else if (outcome === "SUSPEND") {
    text = "Grant suspended until someone decides";
  } else if (outcome === "REDUCE") {
    const keep = new Set(Array.isArray(item.keptScopeIds) ? (item.keptScopeIds as string[]) : []);
    const dropped = grant.scopes.filter((s) => !keep.has(s.scopeId)).map((s) => s.scope.name);
    text = dropped.length ? `Scopes removed: ${dropped.join(", ")}` : "Nothing to remove: every kept scope was all it held";
  } else {
    text = "Access kept; review recorded";
  }
  // The claim: only one caller ever gets count 1 for this item.
  const { count } = await tx.reviewItem.updateMany({ where: { id: item.id, remediatedAt: null }, data: { remediatedAt: now, remediation: text } });
  if (count === 0 || !grant || !LIVE.includes(grant.status as (typeof LIVE)[number])) return count === 1;

  if (outcome === "REVOKE" || outcome === "SUSPEND") {
    const status = outcome === "REVOKE" ? "REVOKED" : "SUSPENDED";
    await tx.grant.update({ where: { id: grant.id }, data: { status, lastReviewedAt: now, ...(status === "REVOKED" && { revokedAt: now }) } });
  } else if (outcome === "REDUCE") {
    const keep = Array.isArray(item.keptScopeIds) ? (item.keptScopeIds as string[]) : [];
    await tx.grantScope.deleteMany({ where: { grantId: grant.id, scopeId: { notIn: keep } } });
    await tx.grant.update({ where: { id: grant.id }, data: { lastReviewedAt: now } });
  } else {
    await tx.grant.update({ where: { id: grant.id }, data: { lastReviewedAt: now } });
  }
  await recordAudit(tx, actor, {
    action: `review.remediate`,
    targetType: "Grant",
    targetId: grant.id,
    summary: `Access review outcome ${outcome}: ${text}`,
    before: { status: grant.status, scopes: grant.scopes.map((s) => s.scope.name) },
    after: { outcome, reviewItemId: item.id, campaignId: item.campaignId },
  });
  return true;
}
