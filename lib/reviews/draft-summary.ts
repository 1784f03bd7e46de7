// What submitting will do, across every page of the caller's queue: how many items are
// approved, revoked and reduced, which move on to a manager's sign-off, and which live grants
// change at once. Shown before anything is submitted, so nobody closes a stage blind.
import type { Prisma } from "@/lib/generated/prisma/client";
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { afterStage1 } from "./item-state";
import { myOpenItems } from "./my-items";

// The grants a summary names one by one; beyond this it gives the count.
const NAMED_CHANGES = 25;

export async function getDraftSummary(ctx: Ctx, campaignId?: string) {
  requirePermission(ctx, "review.decide");
  const where: Prisma.ReviewItemWhereInput = {
    ...myOpenItems(ctx.userId),
    ...(campaignId && { campaignId }),
    AND: [
      {
        OR: [
          { status: "STAGE1", stage1Decision: { not: null } },
          { status: "STAGE2", stage2Decision: { not: null } },
        ],
      },
    ],
  };
  const drafts = await db.reviewItem.findMany({
    where,
    select: {
      id: true,
      status: true,
      stage1Decision: true,
      stage2Decision: true,
      grantId: true,
      grant: { select: { consumer: { select: { name: true } }, api: { select: { name: true } } } },
      campaign: { select: { stage2Enabled: true, stage2Mode: true } },
    },
    orderBy: [{ riskScore: "desc" }, { id: "asc" }],
  });
  const counts = { APPROVE: 0, REVOKE: 0, REDUCE: 0 };
  let forwarded = 0;
  const changes: { grantId: string; consumer: string; api: string; decision: "REVOKE" | "REDUCE" }[] = [];
  for (const item of drafts) {
    const decision = item.status === "STAGE1" ? item.stage1Decision : item.stage2Decision;
    if (!decision || decision === "REASSIGN") continue;
    counts[decision]++;
    const next = item.status === "STAGE1" ? afterStage1(decision, item.campaign.stage2Enabled, item.campaign.stage2Mode) : "CLOSED";
    if (next === "STAGE2") forwarded++;
    else if (decision !== "APPROVE") changes.push({ grantId: item.grantId, consumer: item.grant.consumer.name, api: item.grant.api.name, decision });
  }
  return {
    itemIds: drafts.map((d) => d.id),
    approved: counts.APPROVE,
    revoked: counts.REVOKE,
    reduced: counts.REDUCE,
    forwarded,
    grantsChanging: changes.length,
    changes: changes.slice(0, NAMED_CHANGES),
  };
}
export type DraftSummary = Awaited<ReturnType<typeof getDraftSummary>>;
