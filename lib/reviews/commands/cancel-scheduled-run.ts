// A scheduled run that cannot launch is cancelled rather than retried for ever, and its
// creator hears why. Background work only.
import { z } from "zod";
import { notify } from "@/lib/notifications/service";
import { defineCommand } from "@/lib/server/command";

export const cancelScheduledRun = defineCommand({
  name: "campaign.launch_failed",
  input: z.strictObject({ draftId: z.string().min(1), reason: z.string().trim().min(1).max(2000), now: z.coerce.date() }),
  permission: "campaign.manage",
  callers: { SYSTEM: true },
  async execute(tx, { draftId, reason, now }) {
    const { count } = await tx.campaign.updateMany({ where: { id: draftId, status: "DRAFT" }, data: { status: "CANCELLED", completedAt: now } });
    if (count === 0) return { result: { cancelled: false }, audit: [] };
    const draft = await tx.campaign.findUniqueOrThrow({ where: { id: draftId }, select: { name: true, createdById: true } });
    return {
      result: { cancelled: true },
      audit: [{ action: "campaign.launch_failed", targetType: "Campaign", targetId: draftId, summary: `Scheduled run not launched: ${reason}` }],
      after: async () => {
        await notify({
          userId: draft.createdById,
          kind: "review.launch_failed",
          title: `Scheduled review "${draft.name}" did not launch`,
          body: reason,
          link: "/reviews",
          dedupeKey: `review.launch_failed:${draftId}`,
        });
      },
    };
  },
});
