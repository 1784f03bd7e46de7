// One reminder per reviewer per cadence period (the period's number is in the notice key),
// written under the campaign's row lock so a second runner finds every key taken; emailed
// after the commit. Background work only.
import { counted } from "@/lib/format";
import { z } from "zod";
import { lockRows } from "@/lib/locks/claim";
import { createNotices, emailNotices } from "@/lib/notifications/service";
import { defineCommand } from "@/lib/server/command";
import { pendingByReviewer } from "../announce";

export const remindReviewers = defineCommand({
  name: "review.remind",
  input: z.strictObject({ campaignId: z.string().min(1), period: z.number().int().min(1), now: z.coerce.date() }),
  permission: "campaign.manage",
  callers: { SYSTEM: true },
  async execute(tx, { campaignId, period, now }) {
    if ((await lockRows(tx, "Campaign", [campaignId])).length === 0) return { result: { sent: 0 }, audit: [] };
    const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    const pending = await pendingByReviewer(tx, campaignId);
    const fresh = await createNotices(
      tx,
      [...pending].map(([reviewerId, count]) => ({
        userId: reviewerId,
        kind: "review.reminder",
        title: `${counted(count, "access-review item")} waiting: ${campaign.name}`,
        body: `Due ${campaign.dueAt.toISOString().slice(0, 10)}. Undecided items will then be handled by the campaign's rule (${campaign.undecidedOutcome.toLowerCase().replaceAll("_", " ")}).`,
        link: "/reviews/inbox",
        dedupeKey: `review.reminder:${campaignId}:${reviewerId}:${period}`,
      })),
    );
    if (fresh.length === 0) return { result: { sent: 0 }, audit: [] };
    await tx.campaign.update({ where: { id: campaignId }, data: { lastReminderAt: now } });
    return {
      result: { sent: fresh.length },
      audit: [
        {
          action: "review.remind",
          targetType: "Campaign",
          targetId: campaignId,
          summary: `Reminded ${counted(fresh.length, "reviewer")} of open items (period ${period})`,
        },
      ],
      after: () => emailNotices(fresh),
    };
  },
});
