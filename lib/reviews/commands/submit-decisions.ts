// Submits the caller's decided items: stage 1 moves on to the manager or closes, stage 2
// closes. Closed items are remediated in the same transaction; a finished campaign completes.
import type { AuditEntry } from "@/lib/audit/service";
import { defineCommand } from "@/lib/server/command";
import { conflict, invalid } from "@/lib/server/errors";
import { assignStage2 } from "../assign";
import { loadDirectory } from "@/lib/org-chart/directory";
import { afterStage1 } from "../item-state";
import { myOpenItems } from "../my-items";
import { completeIfDone, remediateItem } from "../remediation";
import { itemIdsInput } from "../schemas";
import { withSnapshots } from "../stored-snapshot";
import { CONFLICT_MESSAGE } from "./decide-item";

export const submitDecisions = defineCommand({
  name: "review.submit",
  input: itemIdsInput,
  permission: "review.decide",
  callers: { USER: true },
  timeout: 120_000,
  async execute(tx, { itemIds }, access) {
    const items = await tx.reviewItem.findMany({
      where: {
        id: { in: itemIds },
        ...myOpenItems(access.ctx.userId),
        OR: [
          { status: "STAGE1", stage1Decision: { not: null } },
          { status: "STAGE2", stage2Decision: { not: null } },
        ],
      },
      include: { campaign: { select: { id: true, stage2Enabled: true, stage2Mode: true } } },
    });
    if (items.length === 0) throw invalid("Decide at least one of these items before submitting.");
    const directory = await loadDirectory(tx);
    const audit: AuditEntry[] = [];
    let closed = 0;
    let forwarded = 0;
    for (const [item, snapshot] of await withSnapshots(tx, items)) {
      let next: "STAGE2" | "CLOSED" = "CLOSED";
      let extra: { stage2ReviewerId?: string | null; stage2HandOff?: string | null } = {};
      if (item.status === "STAGE1" && item.stage1Decision && item.stage1Decision !== "REASSIGN") {
        next = afterStage1(item.stage1Decision, item.campaign.stage2Enabled, item.campaign.stage2Mode) === "STAGE2" ? "STAGE2" : "CLOSED";
        if (next === "STAGE2") {
          const stage2 = assignStage2(directory, snapshot.consumer.ownerId, item.stage1ReviewerId);
          extra = { stage2ReviewerId: stage2.reviewerId, stage2HandOff: stage2.handOff };
        }
      }
      const { count } = await tx.reviewItem.updateMany({
        where: { id: item.id, version: item.version, status: item.status },
        data: { status: next, version: { increment: 1 }, ...extra },
      });
      if (count === 0) throw conflict(CONFLICT_MESSAGE);
      audit.push({
        action: "review.submit",
        targetType: "ReviewItem",
        targetId: item.id,
        summary: `Stage ${item.status === "STAGE1" ? 1 : 2} closed for ${snapshot.consumer.name} on ${snapshot.api.name}: ${next === "STAGE2" ? "sent for manager sign-off" : "closed"}`,
        before: { status: item.status },
        after: { status: next, ...extra },
      });
      if (next === "CLOSED") {
        closed++;
        audit.push(...(await remediateItem(tx, item.id)));
      } else {
        forwarded++;
      }
    }
    for (const campaignId of new Set(items.map((i) => i.campaignId))) audit.push(...(await completeIfDone(tx, campaignId)));
    return { result: { closed, forwarded }, audit };
  },
});
