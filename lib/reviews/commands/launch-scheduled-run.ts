// Launches a scheduled run whose time has come, over what its creator may review now (a
// creator who left, or lost the role, cannot have a review launched in their name).
// Background work only; the draft is claimed, so only one runner launches it.
import { z } from "zod";
import { defineCommand } from "@/lib/server/command";
import { conflict } from "@/lib/server/errors";
import { reachOf } from "@/lib/server/permissions";
import { announceLaunch } from "../announce";
import { launchInTransaction } from "../launch";
import { campaignInput } from "../schemas";

export const launchScheduledRun = defineCommand({
  name: "campaign.launch",
  input: z.strictObject({ draftId: z.string().min(1) }),
  permission: "campaign.manage",
  callers: { SYSTEM: true },
  timeout: 600_000,
  async execute(tx, { draftId }) {
    const draft = await tx.campaign.findUnique({
      where: { id: draftId },
      include: { createdBy: { select: { id: true, active: true, roles: { select: { role: true } } } } },
    });
    if (!draft || draft.status !== "DRAFT") throw conflict("This scheduled run was launched already.");
    const reach = draft.createdBy.active
      ? reachOf(
          draft.createdBy.roles.map((r) => r.role),
          "campaign.manage",
        )
      : null;
    if (!reach) throw conflict("The campaign's creator is no longer active or may no longer run reviews.");
    const input = campaignInput.parse({
      ...z.record(z.string(), z.unknown()).catch({}).parse(draft.selection),
      name: draft.name,
      description: draft.description,
      stage2Enabled: draft.stage2Enabled,
      stage2Mode: draft.stage2Mode,
      dueAt: draft.dueAt,
      reminderCadenceDays: draft.reminderCadenceDays,
      undecidedOutcome: draft.undecidedOutcome,
      recurrence: draft.recurrence,
    });
    const { campaign, items, audit } = await launchInTransaction(tx, { userId: draft.createdById, reach }, input, { draftId });
    return { result: { campaignId: campaign.id, items }, audit: [audit], after: () => announceLaunch(campaign.id) };
  },
});
