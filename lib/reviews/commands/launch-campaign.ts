// Launches an access-review campaign over the grants its selection covers (an OWNER's only
// on APIs they own). Reviewers hear of their items once the launch has committed.
import { defineCommand } from "@/lib/server/command";
import { announceLaunch } from "../announce";
import { launchInTransaction } from "../launch";
import { campaignInput } from "../schemas";

export const launchCampaign = defineCommand({
  name: "campaign.launch",
  input: campaignInput,
  permission: "campaign.manage",
  callers: { USER: true },
  timeout: 600_000,
  async execute(tx, input, access) {
    const { campaign, items, audit } = await launchInTransaction(tx, { userId: access.ctx.userId, reach: access.reach }, input);
    return { result: { campaign, items }, audit: [audit], after: () => announceLaunch(campaign.id) };
  },
});
