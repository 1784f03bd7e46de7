import type { Metadata } from "next";
import Link from "next/link";
import { ValueBadge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { firstValues, pageParams } from "@/lib/lists/params";
import { listCampaigns } from "@/lib/reviews/queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { can } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Access reviews" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewsPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const page = await guard(() => listCampaigns(ctx, pageParams.parse(current)));
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Campaigns in which API owners decide, item by item, whether access stays, and managers sign off."
        actions={
          <>
            {can(ctx.roles, "review.decide") && (
              <LinkButton href="/reviews/inbox" variant="secondary">
                My review queue
              </LinkButton>
            )}
            {can(ctx.roles, "campaign.manage") && <LinkButton href="/reviews/new">New campaign</LinkButton>}
          </>
        }
      />
      <Table caption="Campaigns">
        <thead>
          <tr>
            <Th>Campaign</Th>
            <Th>Status</Th>
            <Th>Due</Th>
            <Th>Progress</Th>
            <Th>Created by</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.rows.length === 0 && (
            <EmptyRow colSpan={5}>No campaign yet. {can(ctx.roles, "campaign.manage") ? "Start one to review who can call your APIs." : ""}</EmptyRow>
          )}
          {page.rows.map((c) => {
            const pct = c.total ? Math.round((100 * c.closed) / c.total) : 0;
            const overdue = c.status === "ACTIVE" && c.dueAt < now;
            return (
              <tr key={c.id} className="hover:bg-slate-50">
                <Td>
                  <Link href={`/reviews/${c.id}`} className="font-medium text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                </Td>
                <Td>
                  <ValueBadge value={c.status} />
                </Td>
                <Td className={overdue ? "font-medium text-red-700" : ""}>
                  {formatDate(c.dueAt)}
                  {overdue && " (overdue)"}
                </Td>
                <Td>
                  {c.status === "DRAFT" ? (
                    <span className="text-xs">{c.scheduledFor ? `Next run starts ${formatDate(c.scheduledFor)}` : "Not launched"}</span>
                  ) : (
                    <div className="flex items-center gap-2">
                      <progress value={c.closed} max={Math.max(1, c.total)} className="h-2 w-28" aria-label={`${pct}% closed`} />
                      <span className="text-xs tabular-nums">
                        {c.closed}/{c.total}
                      </span>
                    </div>
                  )}
                </Td>
                <Td>{c.createdBy.name}</Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Pagination path="/reviews" current={current} page={page.page} pageSize={page.pageSize} total={page.total} noun="campaigns" />
    </>
  );
}
