// Completes a running campaign whose every item has closed. Background work only.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";
import { completeIfDone } from "../remediation";

export const completeCampaign = defineCommand({
  name: "campaign.complete",
  input: z.strictObject({ campaignId: z.string().min(1) }),
  permission: "campaign.manage",
  callers: { SYSTEM: true },
  async execute(tx, { campaignId }) {
    const audit = await completeIfDone(tx, campaignId);
    return { result: { completed: audit.length > 0 }, audit };
  },
});
