// Launches an access-review campaign over the grants its selection covers (an OWNER's only
// on APIs they own). Reviewers hear of their items once the launch has committed.
//
// Once per submission: the form carries a key of its own, so a launch sent again (the browser
// lost the answer and retried, a double click) finds the campaign it made instead of reviewing
// the same grants twice. Launching over grants an active campaign reviews asks for confirmation.
import type { Ctx } from "@/lib/server/authz";
import { defineCommand, runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { AppError, conflict, invalid } from "@/lib/server/errors";
import { announceLaunch } from "../announce";
import { launchInTransaction, selectionWhere } from "../launch";
import { activeOverlap, describeOverlap } from "../overlap";
import { launchInput } from "../schemas";

export const launchCampaign = defineCommand({
  name: "campaign.launch",
  input: launchInput,
  permission: "campaign.manage",
  callers: { USER: true },
  timeout: 600_000,
  async execute(tx, { launchKey, overlapConfirmed, ...input }, access) {
    const reviewer = { userId: access.ctx.userId, reach: access.reach };
    if (launchKey) {
      const earlier = await tx.campaign.findUnique({ where: { launchKey }, include: { _count: { select: { items: true } } } });
      if (earlier && earlier.createdById !== reviewer.userId)
        throw conflict("This launch form was already used by someone else. Reload the page to start a new one.");
      // Nothing changes the second time, so nothing is audited: the first launch was.
      if (earlier) return { result: { campaign: earlier, items: earlier._count.items, repeated: true }, audit: [] };
    }
    if (!overlapConfirmed) {
      const overlap = await activeOverlap(tx, selectionWhere(reviewer, input, new Date()));
      if (overlap.grants) throw invalid("Some fields need attention.", { overlapConfirmed: [describeOverlap(overlap)] });
    }
    const { campaign, items, audit } = await launchInTransaction(tx, reviewer, input, { launchKey });
    return { result: { campaign, items, repeated: false }, audit: [audit], after: () => announceLaunch(campaign.id) };
  },
});

/**
 * The launch, once per submission even when the same one arrives twice at the same moment: the
 * second waits on the first's key, fails on it, and then finds the first's campaign.
 */
export async function launchOnce(ctx: Ctx, raw: unknown) {
  try {
    return await runCommand(launchCampaign, ctx, raw);
  } catch (error) {
    const key =
      error instanceof AppError && error.code === "CONFLICT" && error.fieldErrors?.launchKey ? launchInput.shape.launchKey.parse(inputKey(raw)) : undefined;
    const earlier =
      key && (await db.campaign.findFirst({ where: { launchKey: key, createdById: ctx.userId }, include: { _count: { select: { items: true } } } }));
    if (!earlier) throw error;
    return { campaign: earlier, items: earlier._count.items, repeated: true };
  }
}

const inputKey = (raw: unknown) => (raw && typeof raw === "object" && "launchKey" in raw ? raw.launchKey : undefined);
