import type { Metadata } from "next";
import { Inbox } from "@/components/reviews/inbox";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { firstValues } from "@/lib/lists/params";
import { getInbox, listReviewers } from "@/lib/reviews/queries";
import { inboxQuery } from "@/lib/reviews/schemas";
import Link from "next/link";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "My review queue" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InboxPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const { page, campaignId } = inboxQuery.parse(current);
  const [inbox, reviewers] = await guard(() => Promise.all([getInbox(ctx, { page, pageSize: 50, campaignId }), listReviewers(ctx)]));
  return (
    <>
      <PageHeader
        title="My review queue"
        description="Your items across active campaigns, riskiest first; items unchanged since their last approval come last. Decide each, then submit."
      />
      {campaignId && (
        <p className="mb-3 text-sm">
          Showing one campaign&apos;s items.{" "}
          <Link href="/reviews/inbox" className="text-brand-700 underline">
            Show all my items
          </Link>
        </p>
      )}
      <Inbox key={`${page}-${campaignId}`} initial={inbox} reviewers={reviewers} campaignId={campaignId} />
      <Pagination path="/reviews/inbox" current={current} page={inbox.page} pageSize={inbox.pageSize} total={inbox.total} noun="items" />
    </>
  );
}
