// Notices about reviews, sent after the change that causes them has committed.
import { counted } from "@/lib/format";
import { notify } from "@/lib/notifications/service";
import { db, type Db, type Tx } from "@/lib/server/db";

/** Reviewers with open items in a campaign, and how many each. */
export async function pendingByReviewer(client: Db | Tx, campaignId: string) {
  const [stage1, stage2] = await Promise.all([
    client.reviewItem.groupBy({
      by: ["stage1ReviewerId"],
      where: { campaignId, status: "STAGE1" },
      _count: { _all: true },
      orderBy: { stage1ReviewerId: "asc" },
    }),
    client.reviewItem.groupBy({
      by: ["stage2ReviewerId"],
      where: { campaignId, status: "STAGE2" },
      _count: { _all: true },
      orderBy: { stage2ReviewerId: "asc" },
    }),
  ]);
  const pending = new Map<string, number>();
  for (const row of stage1) if (row.stage1ReviewerId) pending.set(row.stage1ReviewerId, (pending.get(row.stage1ReviewerId) ?? 0) + row._count._all);
  for (const row of stage2) if (row.stage2ReviewerId) pending.set(row.stage2ReviewerId, (pending.get(row.stage2ReviewerId) ?? 0) + row._count._all);
  return pending;
}

/** Tells each reviewer about their items at launch; once per campaign and reviewer. */
export async function announceLaunch(campaignId: string) {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: campaignId } });
  for (const [reviewerId, count] of await pendingByReviewer(db, campaignId)) {
    await notify({
      userId: reviewerId,
      kind: "review.assigned",
      title: `${counted(count, "item")} to review: ${campaign.name}`,
      body: `Due ${campaign.dueAt.toISOString().slice(0, 10)}.`,
      link: "/reviews/inbox",
      dedupeKey: `review.assigned:${campaignId}:${reviewerId}`,
    });
  }
}
