// The evidence an auditor reads: what the campaign covered, the snapshot at launch, every
// decision with its justification, every remediation with its time, and the totals.
import { requirePermission, type Ctx } from "@/lib/server/authz";
import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/errors";
import { type InboxItem, exportCampaignItems } from "./queries";
import { selectionSchema } from "./schemas";

export async function getEvidence(ctx: Ctx, id: string) {
  const reach = requirePermission(ctx, "report.export");
  const campaign = await db.campaign.findFirst({
    where: { id, ...(reach === "own" && { createdById: ctx.userId }) },
    include: { createdBy: { select: { name: true, email: true } } },
  });
  if (!campaign) throw notFound("The campaign");
  const selection = selectionSchema.parse(campaign.selection ?? {});
  const [apis, teams] = await Promise.all([
    selection.apiIds.length ? db.api.findMany({ where: { id: { in: selection.apiIds } }, select: { name: true } }) : [],
    selection.teamIds.length ? db.team.findMany({ where: { id: { in: selection.teamIds } }, select: { name: true } }) : [],
  ]);
  const scope = [
    "Active grants",
    apis.length ? `on ${apis.map((a) => a.name).join(", ")}` : "on every API the creator could review",
    teams.length ? `held by consumers of ${teams.map((t) => t.name).join(", ")}` : "",
    selection.kinds.length ? `of kind ${selection.kinds.join(", ").toLowerCase()}` : "",
    selection.hasFinding ? "with an open risk finding" : "",
    selection.notReviewedDays ? `not reviewed in ${selection.notReviewedDays} days` : "",
    selection.olderThanDays ? `created more than ${selection.olderThanDays} days before launch` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const items: InboxItem[] = [];
  for await (const item of await exportCampaignItems(ctx, id)) items.push(item);
  const tally = (pick: (i: InboxItem) => string | null | undefined) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(pick(item) ?? "undecided", (counts.get(pick(item) ?? "undecided") ?? 0) + 1);
    return [...counts.entries()];
  };
  return {
    campaign,
    scope,
    items,
    totals: {
      items: items.length,
      highRisk: items.filter((i) => i.isHighRisk).length,
      handedOff: items.filter((i) => i.stage1HandOff || i.stage2HandOff).length,
      remediated: items.filter((i) => i.remediatedAt).length,
      stage1: tally((i) => i.stage1Decision),
      stage2: tally((i) => i.stage2Decision),
      dueRule: items.filter((i) => i.outcome).length,
    },
  };
}
