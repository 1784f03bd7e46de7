// At the due date, an item still open closes: a drafted decision stands, an undecided one gets
// the campaign's rule; the outcome is remediated at once. Background work only.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";
import { remediateItem } from "../remediation";

export const closeAtDueDate = defineCommand({
  name: "review.due",
  input: z.strictObject({ itemId: z.string().min(1), now: z.coerce.date() }),
  permission: "review.decide",
  callers: { SYSTEM: true },
  async execute(tx, { itemId, now }) {
    const item = await tx.reviewItem.findUnique({
      where: { id: itemId },
      select: { id: true, status: true, version: true, stage1Decision: true, stage2Decision: true, campaign: { select: { undecidedOutcome: true } } },
    });
    if (!item || item.status === "CLOSED") return { result: { closed: false }, audit: [] };
    const drafted = item.status === "STAGE1" ? item.stage1Decision : item.stage2Decision;
    const rule = item.campaign.undecidedOutcome;
    const data = drafted ? {} : { outcome: rule };
    // Conditional as well as locked: an item decided since it was read is left alone.
    const { count } = await tx.reviewItem.updateMany({
      where: { id: item.id, version: item.version, status: item.status },
      data: { ...data, status: "CLOSED", version: { increment: 1 } },
    });
    if (count === 0) return { result: { closed: false }, audit: [] };
    return {
      result: { closed: true },
      audit: [
        {
          action: "review.due",
          targetType: "ReviewItem",
          targetId: item.id,
          summary: drafted ? `Due date: the drafted decision (${drafted}) stands` : `Due date: undecided, the campaign's rule ${rule} applies`,
          before: { status: item.status },
          after: { status: "CLOSED", ...data },
        },
        ...(await remediateItem(tx, item.id, now)),
      ],
    };
  },
});
