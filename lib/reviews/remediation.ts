// Remediation: when an item's last stage closes, its outcome is applied to the live grant
// exactly once. The item is claimed with a conditional update (remediatedAt still null);
// whoever loses the claim — a second runner, a retry — changes nothing. Runs inside the
// transaction of the command that closed the item (a submission, the due date, the runner).
import type { AuditEntry } from "@/lib/audit/service";
import { LIVE_GRANT_STATUSES } from "@/lib/catalogue/states";
import type { Tx } from "@/lib/server/db";
import { z } from "zod";
import { finalOutcome } from "./item-state";

const isLive = (status: string) => LIVE_GRANT_STATUSES.some((s) => s === status);
const keptIds = z.array(z.string()).catch([]);

/** The audit events of the remediation, or none when the item was not this caller's to remediate. */
export async function remediateItem(tx: Tx, itemId: string, now = new Date()): Promise<AuditEntry[]> {
  const item = await tx.reviewItem.findUnique({
    where: { id: itemId },
    select: {
      id: true,
      status: true,
      grantId: true,
      campaignId: true,
      stage1Decision: true,
      stage2Decision: true,
      outcome: true,
      recommendation: true,
      keptScopeIds: true,
      remediatedAt: true,
    },
  });
  if (!item || item.status !== "CLOSED" || item.remediatedAt) return [];
  const outcome = finalOutcome(item);
  const keep = keptIds.parse(item.keptScopeIds);
  const grant = await tx.grant.findUnique({ where: { id: item.grantId }, include: { scopes: { include: { scope: { select: { name: true } } } } } });
  const live = grant && isLive(grant.status) ? grant : null;
  let text: string;
  if (!live) {
    text = `Nothing to change: the grant is ${grant ? grant.status.toLowerCase() : "gone"}`;
  } else if (outcome === "REVOKE") {
    text = "Grant revoked";
  } else if (outcome === "SUSPEND") {
    text = "Grant suspended until someone decides";
  } else if (outcome === "REDUCE") {
    const dropped = live.scopes.filter((s) => !keep.includes(s.scopeId)).map((s) => s.scope.name);
    text = dropped.length ? `Scopes removed: ${dropped.join(", ")}` : "Nothing to remove: every kept scope was all it held";
  } else {
    text = "Access kept; review recorded";
  }
  // The claim: only one caller ever gets count 1 for this item.
  const { count } = await tx.reviewItem.updateMany({ where: { id: item.id, remediatedAt: null }, data: { remediatedAt: now, remediation: text } });
  if (count === 0) return [];
  if (!live) {
    return [
      {
        action: "review.remediate",
        targetType: "ReviewItem",
        targetId: item.id,
        summary: `Access review outcome ${outcome}: ${text}`,
        after: { outcome, campaignId: item.campaignId },
      },
    ];
  }
  if (outcome === "REVOKE" || outcome === "SUSPEND") {
    const status = outcome === "REVOKE" ? "REVOKED" : "SUSPENDED";
    await tx.grant.update({ where: { id: live.id }, data: { status, lastReviewedAt: now, ...(status === "REVOKED" && { revokedAt: now }) } });
  } else if (outcome === "REDUCE") {
    await tx.grantScope.deleteMany({ where: { grantId: live.id, scopeId: { notIn: keep } } });
    await tx.grant.update({ where: { id: live.id }, data: { lastReviewedAt: now } });
  } else {
    await tx.grant.update({ where: { id: live.id }, data: { lastReviewedAt: now } });
  }
  return [
    {
      action: "review.remediate",
      targetType: "Grant",
      targetId: live.id,
      summary: `Access review outcome ${outcome}: ${text}`,
      before: { status: live.status, scopes: live.scopes.map((s) => s.scope.name) },
      after: { outcome, reviewItemId: item.id, campaignId: item.campaignId },
    },
  ];
}

/** Completes a campaign whose every item is closed; its audit event, or none. */
export async function completeIfDone(tx: Tx, campaignId: string): Promise<AuditEntry[]> {
  const open = await tx.reviewItem.count({ where: { campaignId, status: { not: "CLOSED" } } });
  if (open > 0) return [];
  const { count } = await tx.campaign.updateMany({ where: { id: campaignId, status: "ACTIVE" }, data: { status: "COMPLETED", completedAt: new Date() } });
  return count === 1 ? [{ action: "campaign.complete", targetType: "Campaign", targetId: campaignId, summary: "Every item closed; campaign completed" }] : [];
}
