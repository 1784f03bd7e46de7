// Cancels a draft or running campaign; undecided items stay as they are. An OWNER cancels
// only campaigns they created.
import { defineCommand } from "@/lib/server/command";
import { conflict, notFound } from "@/lib/server/errors";
import { nextCampaignStatus } from "../item-state";
import { campaignIdInput } from "../schemas";

export const cancelCampaign = defineCommand({
  name: "campaign.cancel",
  input: campaignIdInput,
  permission: "campaign.manage",
  callers: { USER: true },
  async execute(tx, { id }, access) {
    const campaign = await tx.campaign.findFirst({ where: { id, ...access.owned("createdById") } });
    if (!campaign) throw notFound("The campaign");
    const next = nextCampaignStatus(campaign.status, "cancel");
    if (!next) throw conflict(`A ${campaign.status.toLowerCase()} campaign cannot be cancelled.`);
    const { count } = await tx.campaign.updateMany({ where: { id, status: campaign.status }, data: { status: next, completedAt: new Date() } });
    if (count === 0) throw conflict("The campaign changed meanwhile. Reload and try again.");
    return {
      result: { id },
      audit: [
        {
          action: "campaign.cancel",
          targetType: "Campaign",
          targetId: id,
          summary: `Cancelled campaign "${campaign.name}"; undecided items stay as they are`,
          before: { status: campaign.status },
          after: { status: next },
        },
      ],
    };
  },
});
