// One decision on many items of the caller's queue, as drafts: approve, revoke, or accept
// each item's own recommendation. The rules of a single decision hold for every item: a
// reason when going against the recommendation, and approving an item recommended for
// revocation needs the reviewer's explicit override on top. A batch that breaks a rule for
// any item changes none. Bulk decisions are marked, so reports tell bulk acceptance of the
// recommendations apart from one-by-one approvals at rubber-stamp pace.
import type { AuditEntry } from "@/lib/audit/service";
import type { ReviewDecision } from "@/lib/generated/prisma/enums";
import { defineCommand } from "@/lib/server/command";
import { conflict, forbidden, invalid } from "@/lib/server/errors";
import { commentRequired } from "../item-state";
import { myOpenItems, separationProblem } from "../my-items";
import { bulkDecisionInput } from "../schemas";
import { CONFLICT_MESSAGE } from "./decide-item";

export const ACCEPTED_IN_BULK = "Accepted the recommendation in bulk";

export const bulkDecide = defineCommand({
  name: "review.bulk_decide",
  input: bulkDecisionInput,
  permission: "review.decide",
  callers: { USER: true },
  timeout: 60_000,
  async execute(tx, { itemIds, action, comment, override }, access) {
    const items = await tx.reviewItem.findMany({
      where: { id: { in: itemIds }, ...myOpenItems(access.ctx.userId) },
      select: {
        id: true,
        status: true,
        version: true,
        recommendation: true,
        stage1ReviewerId: true,
        grant: { select: { consumer: { select: { ownerId: true } } } },
      },
    });
    const missing = itemIds.length - items.length;
    if (missing > 0)
      throw invalid(`${missing === 1 ? "One of these items is" : `${missing} of these items are`} no longer in your queue. Reload and choose again.`);
    const barred = items.filter((i) => separationProblem(access.ctx.userId, { ...i, consumerOwnerId: i.grant.consumer.ownerId }));
    if (barred.length > 0)
      throw forbidden(
        `${barred.length === 1 ? "One of these items needs" : `${barred.length} of these items need`} a decision from someone else (you own the consumer or decided the first stage). Leave ${barred.length === 1 ? "it" : "them"} out and reassign.`,
      );
    const decisionOf = (recommendation: ReviewDecision) => (action === "ACCEPT" ? recommendation : action);

    const overriding = items.filter((i) => decisionOf(i.recommendation) === "APPROVE" && i.recommendation === "REVOKE");
    if (overriding.length > 0 && !override) {
      throw invalid("Some fields need attention.", {
        override: [
          `${overriding.length === 1 ? "One item is" : `${overriding.length} items are`} recommended for revocation: confirm you approve against the recommendation, or leave ${overriding.length === 1 ? "it" : "them"} out`,
        ],
      });
    }
    const against = items.find((i) => commentRequired(decisionOf(i.recommendation), i.recommendation));
    if (against && comment.length < 5) {
      const count = items.filter((i) => commentRequired(decisionOf(i.recommendation), i.recommendation)).length;
      throw invalid("Some fields need attention.", {
        comment: [`${count === 1 ? "One item goes" : `${count} items go`} against the recommendation: give the reason (at least 5 characters)`],
      });
    }

    const now = new Date();
    const audit: AuditEntry[] = [];
    for (const item of items) {
      const decision = decisionOf(item.recommendation);
      const note = comment || (action === "ACCEPT" ? ACCEPTED_IN_BULK : null);
      // Accepting a reduction keeps the scopes the recommendation kept (stored at launch).
      const data =
        item.status === "STAGE1"
          ? { stage1Decision: decision, stage1Comment: note, stage1DecidedAt: now, stage1Bulk: true }
          : { stage2Decision: decision, stage2Comment: note, stage2DecidedAt: now, stage2Bulk: true };
      const { count } = await tx.reviewItem.updateMany({
        where: { id: item.id, version: item.version, status: item.status },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw conflict(CONFLICT_MESSAGE);
      audit.push({
        action: "review.decide",
        targetType: "ReviewItem",
        targetId: item.id,
        summary: `Stage ${item.status === "STAGE1" ? 1 : 2}: ${decision} in bulk${action === "ACCEPT" ? " as recommended" : ""}${comment ? ` — ${comment}` : ""}`,
        after: { stage: item.status === "STAGE1" ? 1 : 2, decision, comment: note, bulk: true, override: overriding.some((o) => o.id === item.id) },
      });
    }
    const tally = { APPROVE: 0, REVOKE: 0, REDUCE: 0 };
    for (const item of items) {
      const decision = decisionOf(item.recommendation);
      if (decision !== "REASSIGN") tally[decision]++;
    }
    return { result: { decided: items.length, approved: tally.APPROVE, revoked: tally.REVOKE, reduced: tally.REDUCE }, audit };
  },
});
