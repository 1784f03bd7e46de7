import type { Metadata } from "next";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, SortTh, Table, Td, Th } from "@/components/ui/table";
import { IntegrityBanner } from "@/components/audit/integrity-banner";
import { auditListParams, getAuditIntegrity, listAuditActions, listAuditEvents } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/format";
import { firstValues } from "@/lib/lists/params";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Audit log" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const params = auditListParams.parse(current);
  const [page, actions, integrity] = await guard(() => Promise.all([listAuditEvents(ctx, params), listAuditActions(ctx), getAuditIntegrity(ctx)]));
  const path = "/audit";
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change ever made: who, what, before and after, when. Append-only, and chained: each event carries the hash of the one before, so an altered, removed or reordered event shows."
      />
      <IntegrityBanner verification={integrity.verification} head={integrity.head} />
      <ListToolbar
        path={path}
        current={current}
        exportPath="/audit/export.csv"
        searchLabel="Search summary or actor"
        filters={[
          { name: "action", label: "Action", options: actions.map((a) => ({ value: a, label: a })) },
          {
            name: "targetType",
            label: "Target",
            options: [
              "Api",
              "Scope",
              "Consumer",
              "Credential",
              "Grant",
              "AccessRequest",
              "Campaign",
              "ReviewItem",
              "PolicySetting",
              "User",
              "Organisation",
            ].map((t) => ({ value: t, label: t })),
          },
        ]}
      />
      <Table caption="Audit events">
        <thead>
          <tr>
            <SortTh column="at" path={path} current={{ ...current, sort: "at", dir: params.dir }} defaultSort="at">
              When
            </SortTh>
            <Th>Who</Th>
            <Th>Action</Th>
            <Th>What</Th>
            <Th>Before → after</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.rows.length === 0 && <EmptyRow colSpan={5}>No audit event matches these filters.</EmptyRow>}
          {page.rows.map((event) => (
            <tr key={event.id}>
              <Td className="whitespace-nowrap text-xs">
                {formatDateTime(event.at)}
                <div className="text-slate-600">event {event.seq}</div>
              </Td>
              <Td className="text-xs">
                {event.actorLabel}
                <div className="text-slate-600">{event.actorKind.toLowerCase().replace("_", " ")}</div>
              </Td>
              <Td className="font-mono text-xs">{event.action}</Td>
              <Td>
                {event.summary}
                <div className="text-xs text-slate-600">
                  {event.targetType} {event.targetId}
                </div>
              </Td>
              <Td>
                {(event.before != null || event.after != null) && (
                  <details>
                    <summary className="cursor-pointer text-xs text-brand-700">Show changes</summary>
                    <pre className="mt-1 max-h-64 max-w-xl overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap">
                      {event.before != null && `before: ${JSON.stringify(event.before, null, 1)}\n`}
                      {event.after != null && `after: ${JSON.stringify(event.after, null, 1)}`}
                    </pre>
                  </details>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Pagination path={path} current={current} page={page.page} pageSize={page.pageSize} total={page.total} noun="events" />
    </>
  );
}
