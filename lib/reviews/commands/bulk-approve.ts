// Approves, as drafts, the chosen items that are recommended for approval and not high-risk.
// Eligibility is in the `where`: the caller's own stage-1 items only.
import type { Prisma } from "@/lib/generated/prisma/client";
import { defineCommand } from "@/lib/server/command";
import { myOpenItems } from "../my-items";
import { itemIdsInput } from "../schemas";

export const bulkApprove = defineCommand({
  name: "review.bulk_approve",
  input: itemIdsInput,
  permission: "review.decide",
  callers: { USER: true },
  async execute(tx, { itemIds }, access) {
    const eligible: Prisma.ReviewItemWhereInput = {
      id: { in: itemIds },
      ...myOpenItems(access.ctx.userId),
      status: "STAGE1",
      recommendation: "APPROVE",
      isHighRisk: false,
    };
    const items = await tx.reviewItem.findMany({ where: eligible, select: { id: true } });
    const { count: approved } = await tx.reviewItem.updateMany({
      where: { ...eligible, id: { in: items.map((i) => i.id) } },
      data: { stage1Decision: "APPROVE", stage1Comment: "Approved in bulk as recommended", stage1DecidedAt: new Date(), version: { increment: 1 } },
    });
    const result = { approved, skipped: itemIds.length - approved };
    if (approved === 0) return { result, audit: [] };
    return {
      result,
      audit: [
        {
          action: "review.bulk_approve",
          targetType: "ReviewItem",
          targetId: items
            .map((i) => i.id)
            .join(",")
            .slice(0, 190),
          summary: `Approved ${approved} low-risk item(s) recommended for approval; ${itemIds.length - approved} not eligible for bulk approval`,
          after: { itemIds: items.map((i) => i.id) },
        },
      ],
    };
  },
});
