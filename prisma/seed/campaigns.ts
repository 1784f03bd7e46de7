// Two access reviews for the demo: a finished one (decided as recommended, remediated,
// completed) and a running one with items waiting in owner@'s and manager@'s queues.
import { recordAudit } from "@/lib/audit/service";
import { contextFor } from "@/lib/server/authz";
import type { Db } from "@/lib/server/db";
import { launchInTransaction } from "@/lib/reviews/campaign-service";
import { completeIfDone } from "@/lib/reviews/decision-service";
import { remediateItem } from "@/lib/reviews/remediation";
import { campaignInput } from "@/lib/reviews/schemas";

const DAY = 86_400_000;
const userSelect = { id: true, name: true, email: true, roles: { select: { role: true } } } as const;

export async function seedCampaigns(db: Db, emails: { admin: string; owner: string }) {
  const [admin, owner] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: emails.admin }, select: userSelect }).then(contextFor),
    db.user.findUniqueOrThrow({ where: { email: emails.owner }, select: userSelect }).then(contextFor),
  ]);
  const now = new Date();
  const partnerTeam = await db.team.findUniqueOrThrow({ where: { name: "Partner Integrations" } });
  await db.$transaction(
    async (tx) => {
      const finished = await launchInTransaction(
        tx,
        admin,
        campaignInput.parse({
          name: "Q3 review of partner-team service accounts",
          description: "Quarterly review of the Partner Integrations team's service accounts.",
          teamIds: [partnerTeam.id],
          kinds: ["SERVICE"],
          dueAt: new Date(now.getTime() + 7 * DAY),
          undecidedOutcome: "SUSPEND",
          recurrence: "QUARTERLY",
        }),
      );
      const items = await tx.reviewItem.findMany({ where: { campaignId: finished.campaign.id }, include: { stage1Reviewer: { select: userSelect } } });
      for (const item of items) {
        const reviewer = item.stage1Reviewer ? contextFor(item.stage1Reviewer) : admin;
        const comment = { APPROVE: "Still in use by the partner integration.", REVOKE: "Unused: the integration was replaced.", REDUCE: "Trimmed to the scopes in use." }[item.recommendation];
        await tx.reviewItem.update({
          where: { id: item.id },
          data: { stage1Decision: item.recommendation, stage1Comment: comment, stage1DecidedAt: now, status: "CLOSED", version: { increment: 1 } },
        });
        await recordAudit(tx, reviewer.actor, { action: "review.decide", targetType: "ReviewItem", targetId: item.id, summary: `Stage 1: ${item.recommendation} — ${comment}` });
        await remediateItem(tx, reviewer.actor, item.id, now);
      }
      await completeIfDone(tx, { actor: admin.actor }, finished.campaign.id);

      await launchInTransaction(
        tx,
        owner,
        campaignInput.parse({
          name: "Agent access to owner APIs",
          description: "Do our agents hold more than the people they act for?",
          kinds: ["AGENT"],
          stage2Enabled: true,
          stage2Mode: "APPROVALS_ONLY",
          dueAt: new Date(now.getTime() + 14 * DAY),
          reminderCadenceDays: 3,
          undecidedOutcome: "FOLLOW_RECOMMENDATION",
        }),
      );
    },
    { timeout: 120_000 },
  );
}
