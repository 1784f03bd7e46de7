import type { Metadata } from "next";
import { CancelCampaignForm } from "@/components/reviews/cancel-campaign";
import { DecisionsChart } from "@/components/reviews/decisions-chart";
import { Badge, ValueBadge, label } from "@/components/ui/badge";
import { Facts, PageHeader, Section } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { counted, formatDate, formatDateTime } from "@/lib/format";
import { firstValues, pageParams } from "@/lib/lists/params";
import { getCampaignReport, listCampaignItems } from "@/lib/reviews/queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Campaign" };
type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CampaignPage({ params, searchParams }: Props) {
  const { id } = await params;
  const current = firstValues(await searchParams);
  const ctx = await requireUser();
  const [report, items] = await guard(() => Promise.all([getCampaignReport(ctx, id), listCampaignItems(ctx, id, pageParams.parse(current))]));
  const c = report.campaign;
  const manage = reachOf(ctx.roles, "campaign.manage");
  const canCancel = c.status === "ACTIVE" && (manage === "all" || (manage === "own" && c.createdById === ctx.userId));
  const exportReach = reachOf(ctx.roles, "report.export");
  const canExport = exportReach === "all" || (exportReach === "own" && c.createdById === ctx.userId);
  const count = (rows: { decision: string; count: number }[], d: string) => rows.find((r) => r.decision === d)?.count ?? 0;
  const chart = [
    {
      stage: "Stage 1",
      APPROVE: count(report.decisions, "APPROVE"),
      REVOKE: count(report.decisions, "REVOKE"),
      REDUCE: count(report.decisions, "REDUCE"),
      UNDECIDED: count(report.decisions, "UNDECIDED"),
    },
    ...(c.stage2Enabled
      ? [
          {
            stage: "Stage 2",
            APPROVE: count(report.signOffs, "APPROVE"),
            REVOKE: count(report.signOffs, "REVOKE"),
            REDUCE: count(report.signOffs, "REDUCE"),
            UNDECIDED: count(report.signOffs, "UNDECIDED"),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={c.name}
        description={c.description}
        actions={
          <>
            {c.status === "ACTIVE" && reachOf(ctx.roles, "review.decide") && (
              <a href={`/reviews/inbox?campaignId=${c.id}`} className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800">
                My items in this campaign
              </a>
            )}
            {canExport && (
              <a href={`/reviews/${c.id}/evidence`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
                Evidence report
              </a>
            )}
            {canExport && (
              <a
                href={`/reviews/${c.id}/export.csv`}
                className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
                download
              >
                Export decisions (CSV)
              </a>
            )}
            {canCancel && <CancelCampaignForm id={c.id} />}
          </>
        }
      />
      <Facts
        items={[
          ["Status", <ValueBadge key="s" value={c.status} />],
          ["Created by", `${c.createdBy.name} (${c.createdBy.email})`],
          ["Launched", formatDateTime(c.launchedAt)],
          [
            "Due",
            <span key="d" className={report.overdue ? "font-medium text-red-700" : ""}>
              {formatDate(c.dueAt)}
              {report.overdue > 0 && ` — ${counted(report.overdue, "item")} overdue`}
            </span>,
          ],
          [
            "Stages",
            c.stage2Enabled ? `API owner, then manager sign-off (${c.stage2Mode === "ALL_DECISIONS" ? "every decision" : "approvals only"})` : "API owner only",
          ],
          ["Undecided at the due date", label(c.undecidedOutcome)],
          ["Reminders", `every ${counted(c.reminderCadenceDays, "day")}`],
          ["Repeats", c.recurrence === "NONE" ? "once" : label(c.recurrence)],
          ["Completed", c.completedAt ? formatDateTime(c.completedAt) : "—"],
        ]}
      />
      <div className="my-6 grid gap-4 lg:grid-cols-2">
        <section aria-label="Progress" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="font-medium">Progress</h2>
          <p className="mt-2">
            {report.closed} of {counted(report.total, "item")} closed; {report.stage1Open} with API owners, {report.stage2Open} awaiting manager sign-off;{" "}
            {report.remediated} remediated; {report.highRisk} high-risk.
          </p>
          <progress value={report.closed} max={Math.max(1, report.total)} className="mt-2 h-3 w-full" aria-label="Items closed" />
        </section>
        <DecisionsChart data={chart} />
      </div>
      {report.rubberStamping.length > 0 && (
        <div role="note" className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">Possible rubber-stamping</p>
          <ul className="mt-1 list-disc pl-5">
            {report.rubberStamping.map((f) => (
              <li key={f.reviewerId}>
                {f.name} approved all {f.decisions} items they decided, a median {f.medianSeconds} s apart.
              </li>
            ))}
          </ul>
        </div>
      )}
      {report.bulkDecisions.length > 0 && (
        <div role="note" className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <p className="font-medium">Decided in bulk</p>
          <p className="text-slate-700">Bulk decisions are listed here and left out of the rubber-stamping check, which looks at one-by-one decisions.</p>
          <ul className="mt-1 list-disc pl-5">
            {report.bulkDecisions.map((b) => (
              <li key={b.reviewerId}>
                {b.name}: {counted(b.approved, "approval")}, {counted(b.revoked, "revocation")}, {counted(b.reduced, "reduction")}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Section title="By reviewer">
        <Table caption="Progress by reviewer">
          <thead>
            <tr>
              <Th>Reviewer</Th>
              <Th>Stage</Th>
              <Th className="text-right">Done</Th>
              <Th className="text-right">Pending</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.reviewers.length === 0 && <EmptyRow colSpan={4}>No reviewer assigned.</EmptyRow>}
            {report.reviewers.map((r) => (
              <tr key={`${r.stage}-${r.reviewerId}`}>
                <Td>{r.name}</Td>
                <Td>{r.stage}</Td>
                <Td className="text-right tabular-nums">{r.done}</Td>
                <Td className="text-right tabular-nums">
                  {r.pending}
                  {r.pending > 0 && report.overdue > 0 && (
                    <>
                      {" "}
                      <Badge tone="red">overdue</Badge>
                    </>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      <Section title={`Items (${items.total})`}>
        <Table caption="Review items">
          <thead>
            <tr>
              <Th>Consumer → API</Th>
              <Th>Risk</Th>
              <Th>Recommended</Th>
              <Th>Stage 1</Th>
              <Th>Stage 2</Th>
              <Th>Remediation</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.rows.map((item) => (
              <tr key={item.id}>
                <Td>
                  {item.snapshot.consumer.name} → {item.snapshot.api.name}
                  <div className="font-mono text-xs text-slate-600">{item.snapshot.scopes.map((s) => s.name).join(" ")}</div>
                </Td>
                <Td>{item.isHighRisk ? <Badge tone="red">High · {item.riskScore}</Badge> : item.riskScore}</Td>
                <Td className="text-xs">{item.recommendation.toLowerCase()}</Td>
                <Td className="text-xs">
                  {item.stage1Decision?.toLowerCase() ?? "—"} <span className="text-slate-600">{item.stage1Reviewer?.name}</span>
                  {item.stage1Comment && <div className="text-slate-600">“{item.stage1Comment}”</div>}
                </Td>
                <Td className="text-xs">
                  {c.stage2Enabled ? (
                    <>
                      {item.stage2Decision?.toLowerCase() ?? "—"} <span className="text-slate-600">{item.stage2Reviewer?.name}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td className="text-xs">
                  {item.remediatedAt ? (
                    <>
                      {item.remediation} <div className="text-slate-600">remediated at {formatDateTime(item.remediatedAt)}</div>
                    </>
                  ) : (
                    "—"
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Pagination path={`/reviews/${c.id}`} current={current} page={items.page} pageSize={items.pageSize} total={items.total} noun="items" />
      </Section>
    </>
  );
}
