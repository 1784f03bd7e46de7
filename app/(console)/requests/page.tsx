import type { Metadata } from "next";
import Link from "next/link";
import { Badge, label, ValueBadge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, SortTh, Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import { ConsumerKind, RequestStatus } from "@/lib/generated/prisma/enums";
import { hrefWith } from "@/lib/lists/href";
import { firstValues } from "@/lib/lists/params";
import { listRequests } from "@/lib/requests/queries";
import { requestListParams, storedGuardrails } from "@/lib/requests/schemas";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { can, reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Access requests" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EMPTY = {
  approve: "Nothing waits for your approval.",
  mine: "You have made no request matching these filters. Request access for a consumer you own.",
  all: "No request matches these filters.",
};

export default async function RequestsPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const seesAll = reachOf(ctx.roles, "request.read") === "all";
  const approver = can(ctx.roles, "request.approve");
  const params = requestListParams.parse({ view: approver ? "approve" : "mine", ...current });
  const page = await guard(() => listRequests(ctx, params));
  const path = "/requests";
  const sort = { path, current, defaultSort: "createdAt" };
  const tabs = [
    ...(approver ? [["approve", "To approve"] as const] : []),
    ["mine", "My requests"] as const,
    ...(seesAll ? [["all", "All requests"] as const] : []),
  ];
  return (
    <>
      <PageHeader
        title="Access requests"
        description="Requests for access, approved by the consumer owner's manager, then the API owner, and an administrator where a guardrail asks for one."
        actions={<LinkButton href="/requests/new">Request access</LinkButton>}
      />
      <nav aria-label="Request lists" className="mb-4 flex gap-2 border-b border-slate-200">
        {tabs.map(([view, text]) => (
          <Link
            key={view}
            href={hrefWith(path, {}, { view })}
            aria-current={params.view === view ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${params.view === view ? "border-brand-700 text-brand-700" : "border-transparent text-slate-700 hover:text-brand-700"}`}
          >
            {text}
          </Link>
        ))}
      </nav>
      <ListToolbar
        path={path}
        current={{ ...current, view: params.view }}
        exportPath="/requests/export.csv"
        searchLabel="Search consumer, API or justification"
        filters={[
          { name: "status", label: "Status", options: Object.values(RequestStatus) },
          { name: "kind", label: "Consumer kind", options: Object.values(ConsumerKind) },
        ]}
      />
      <Table caption={tabs.find(([view]) => view === params.view)?.[1] ?? "Requests"}>
        <thead>
          <tr>
            <SortTh column="consumer" {...sort}>
              Consumer
            </SortTh>
            <SortTh column="api" {...sort}>
              API
            </SortTh>
            <Th>Scopes</Th>
            <SortTh column="status" {...sort}>
              Status
            </SortTh>
            <Th>Waiting on</Th>
            <Th>Guardrails</Th>
            <Th>Duration</Th>
            <SortTh column="createdAt" {...sort}>
              Requested
            </SortTh>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.rows.length === 0 && <EmptyRow colSpan={8}>{EMPTY[params.view]}</EmptyRow>}
          {page.rows.map((r) => {
            const pending = r.steps.find((s) => s.status === "PENDING");
            const flags = storedGuardrails.catch([]).parse(r.guardrails);
            return (
              <tr key={r.id} className="hover:bg-slate-50">
                <Td>
                  <Link href={`/requests/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {r.consumer.name}
                  </Link>{" "}
                  <span className="text-xs text-slate-600">{label(r.consumer.kind)}</span>
                </Td>
                <Td>{r.api.name}</Td>
                <Td className="font-mono text-xs">{r.scopes.map((s) => s.scope.name).join(", ")}</Td>
                <Td>
                  <ValueBadge value={r.status} />
                </Td>
                <Td>{pending ? `${label(pending.kind)}: ${pending.assignee?.name ?? "any administrator"}` : "—"}</Td>
                <Td>{flags.length ? <Badge tone="amber">{flags.length} flagged</Badge> : <span className="text-slate-500">none</span>}</Td>
                <Td>{r.durationDays ? `${r.durationDays} days` : "No end"}</Td>
                <Td>
                  {formatDate(r.createdAt)} by {r.requester.name}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Pagination path={path} current={current} page={page.page} pageSize={page.pageSize} total={page.total} noun="requests" />
    </>
  );
}
