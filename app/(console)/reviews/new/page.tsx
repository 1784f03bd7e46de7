import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { CampaignForm } from "@/components/reviews/campaign-form";
import { PageHeader } from "@/components/ui/page-header";
import { listChoices } from "@/lib/catalogue/queries";
import { loadPolicy } from "@/lib/policy/policy";
import { requireUser } from "@/lib/server/session";
import { db } from "@/lib/server/db";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const ctx = await requireUser();
  const reach = reachOf(ctx.roles, "campaign.manage");
  if (!reach) forbidden();
  const [choices, policy] = await Promise.all([guard(() => listChoices(ctx)), loadPolicy(db)]);
  // An owner reviews their own APIs; an admin any.
  const apis = await db.api.findMany({
    where: reach === "own" ? { ownerId: ctx.userId } : {},
    select: { id: true, name: true, environment: true },
    orderBy: { name: "asc" },
  });
  return (
    <>
      <PageHeader
        title="New access review"
        description={
          reach === "own"
            ? "Review who can call the APIs you own. Preview the items before you launch."
            : "Review any grants in the organisation. Preview the items before you launch."
        }
      />
      <CampaignForm apis={apis} teams={choices.teams} defaultDue={dueInDays(30)} defaultCadence={policy.defaultReviewCadenceDays} launchKey={randomUUID()} />
    </>
  );
}

function dueInDays(days: number) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
