// The campaign report's "possible rubber-stamping" signal on a real campaign: a reviewer who
// approved every item they decided, at least ten, seconds apart, across both stages.
import { expect, it } from "vitest";
import { bulkDecide } from "@/lib/reviews/commands/bulk-decide";
import { launchCampaign } from "@/lib/reviews/commands/launch-campaign";
import { getCampaignReport } from "@/lib/reviews/queries";
import type { ReviewDecision } from "@/lib/generated/prisma/enums";
import { runCommand } from "@/lib/server/command";
import { db } from "@/lib/server/db";
import { DEMO, ctxFor } from "./helpers";

it("flags the reviewer who approved everything seconds apart, and no one else", async () => {
  const [admin, owner, manager, auditor] = await Promise.all([ctxFor(DEMO.admin), ctxFor(DEMO.owner), ctxFor(DEMO.manager), ctxFor(DEMO.auditor)]);
  const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const { campaign } = await runCommand(launchCampaign, admin, {
    name: "Quarterly review",
    kinds: ["SERVICE", "PARTNER", "AGENT", "HUMAN"],
    dueAt,
    undecidedOutcome: "KEEP",
    // Other tests' campaigns may still review some of these grants.
    overlapConfirmed: true,
    reminderCadenceDays: "7",
  });
  const items = await db.reviewItem.findMany({ where: { campaignId: campaign.id }, select: { id: true }, orderBy: { id: "asc" }, take: 40 });
  expect(items.length).toBe(40);
  const start = Date.parse("2026-11-02T09:00:00Z");
  const decide = async (index: number, stage: 1 | 2, reviewerId: string, decision: ReviewDecision, secondsIn: number) => {
    const at = new Date(start + secondsIn * 1000);
    const data =
      stage === 1
        ? { stage1ReviewerId: reviewerId, stage1Decision: decision, stage1DecidedAt: at }
        : { stage2ReviewerId: reviewerId, stage2Decision: decision, stage2DecidedAt: at };
    await db.reviewItem.update({ where: { id: items[index]!.id }, data });
  };
  // The owner: twelve approvals three seconds apart at stage 1, and one more at stage 2.
  for (let i = 0; i < 12; i++) await decide(i, 1, owner.userId, "APPROVE", i * 3);
  await decide(12, 2, owner.userId, "APPROVE", 36);
  // The manager: as fast, but one revocation among them.
  for (let i = 13; i < 25; i++) await decide(i, 1, manager.userId, "APPROVE", i * 3);
  await decide(25, 1, manager.userId, "REVOKE", 80);
  // The auditor: ten quick approvals at stage 1 and a revocation at stage 2, so not every decision was an approval.
  for (let i = 26; i < 36; i++) await decide(i, 1, auditor.userId, "APPROVE", i * 2);
  await decide(36, 2, auditor.userId, "REVOKE", 100);
  // The administrator: quick approvals, but too few to say anything.
  for (let i = 37; i < 40; i++) await decide(i, 1, admin.userId, "APPROVE", i);

  const report = await getCampaignReport(admin, campaign.id);
  expect(report.rubberStamping).toEqual([{ reviewerId: owner.userId, name: owner.name, decisions: 13, medianSeconds: 3 }]);
});

it("reports bulk acceptance of the recommendations apart, never as rubber-stamping", async () => {
  const [admin, owner] = await Promise.all([ctxFor(DEMO.admin), ctxFor(DEMO.owner)]);
  const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const { campaign } = await runCommand(launchCampaign, admin, {
    name: "Bulk acceptance",
    kinds: ["SERVICE", "PARTNER", "AGENT", "HUMAN"],
    dueAt,
    undecidedOutcome: "KEEP",
    // Other tests' campaigns may still review some of these grants.
    overlapConfirmed: true,
    reminderCadenceDays: "7",
  });
  const mine = await db.reviewItem.findMany({
    where: { campaignId: campaign.id, stage1ReviewerId: owner.userId, recommendation: "APPROVE" },
    select: { id: true },
  });
  // Enough approvals, all within the same instant, to be flagged were they made one by one.
  expect(mine.length).toBeGreaterThanOrEqual(10);
  const result = await runCommand(bulkDecide, owner, { itemIds: mine.map((i) => i.id), action: "ACCEPT" });
  expect(result).toMatchObject({ decided: mine.length, approved: mine.length });

  const report = await getCampaignReport(admin, campaign.id);
  expect(report.rubberStamping).toEqual([]);
  expect(report.bulkDecisions).toEqual([{ reviewerId: owner.userId, name: owner.name, approved: mine.length, revoked: 0, reduced: 0 }]);
});
