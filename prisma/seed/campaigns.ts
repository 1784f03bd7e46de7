// Two access reviews for the demo: a finished one (decided as recommended, remediated,
// completed) and a running one with items waiting in owner@'s and manager@'s queues. Both run
// through the review commands, as the people whose decisions they are.
import { contextFor } from "@/lib/server/authz";
import { runCommand, type Nested } from "@/lib/server/command";
import type { Db } from "@/lib/server/db";
import { decideItem } from "@/lib/reviews/commands/decide-item";
import { launchCampaign } from "@/lib/reviews/commands/launch-campaign";
import { submitDecisions } from "@/lib/reviews/commands/submit-decisions";
import { z } from "zod";

const DAY = 86_400_000;
const userSelect = { id: true, name: true, email: true, roles: { select: { role: true } } } as const;
const COMMENTS = {
  APPROVE: "Still in use by the partner integration.",
  REVOKE: "Unused: the integration was replaced.",
  REDUCE: "Trimmed to the scopes in use.",
};

export async function seedCampaigns(db: Db, emails: { admin: string; owner: string }) {
  const [admin, owner] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: emails.admin }, select: userSelect }).then(contextFor),
    db.user.findUniqueOrThrow({ where: { email: emails.owner }, select: userSelect }).then(contextFor),
  ]);
  const now = new Date();
  const partnerTeam = await db.team.findUniqueOrThrow({ where: { name: "Partner Integrations" } });
  await db.$transaction(
    async (tx) => {
      // The demo announces nothing: its people have not signed in yet.
      const nested: Nested = { tx, after: [] };
      const finished = await runCommand(
        launchCampaign,
        admin,
        {
          name: "Q3 review of partner-team service accounts",
          description: "Quarterly review of the Partner Integrations team's service accounts.",
          teamIds: [partnerTeam.id],
          kinds: ["SERVICE"],
          dueAt: new Date(now.getTime() + 7 * DAY),
          undecidedOutcome: "SUSPEND",
          recurrence: "QUARTERLY",
        },
        nested,
      );
      const items = await tx.reviewItem.findMany({ where: { campaignId: finished.campaign.id }, include: { stage1Reviewer: { select: userSelect } } });
      const byReviewer = new Map<string, { ctx: ReturnType<typeof contextFor>; itemIds: string[] }>();
      for (const item of items) {
        if (!item.stage1Reviewer) continue;
        const reviewer = byReviewer.get(item.stage1Reviewer.id) ?? { ctx: contextFor(item.stage1Reviewer), itemIds: [] };
        byReviewer.set(item.stage1Reviewer.id, reviewer);
        const keptScopeIds = item.recommendation === "REDUCE" ? z.array(z.string()).catch([]).parse(item.keptScopeIds) : [];
        await runCommand(
          decideItem,
          reviewer.ctx,
          { itemId: item.id, decision: item.recommendation, comment: COMMENTS[item.recommendation], keptScopeIds },
          nested,
        );
        reviewer.itemIds.push(item.id);
      }
      for (const { ctx, itemIds } of byReviewer.values()) await runCommand(submitDecisions, ctx, { itemIds }, nested);

      await runCommand(
        launchCampaign,
        owner,
        {
          name: "Agent access to owner APIs",
          description: "Do our agents hold more than the people they act for?",
          kinds: ["AGENT"],
          stage2Enabled: true,
          stage2Mode: "APPROVALS_ONLY",
          dueAt: new Date(now.getTime() + 14 * DAY),
          reminderCadenceDays: 3,
          undecidedOutcome: "FOLLOW_RECOMMENDATION",
        },
        nested,
      );
    },
    { timeout: 120_000 },
  );
}
