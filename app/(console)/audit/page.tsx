import type { Metadata } from "next";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, SortTh, Table, Td, Th } from "@/components/ui/table";
import { IntegrityBanner } from "@/components/audit/integrity-banner";
import Link from "next/link";
import { auditListParams, describeEvents, getAuditIntegrity, listAuditActions, listAuditActors, listAuditEvents } from "@/lib/audit/queries";
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
  const [page, actions, actors, integrity] = await guard(() =>
    Promise.all([listAuditEvents(ctx, params), listAuditActions(ctx), listAuditActors(ctx), getAuditIntegrity(ctx)]),
  );
  const events = await guard(() => describeEvents(ctx, page.rows));
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
          { name: "actorUserId", label: "Who", options: actors.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` })) },
          { name: "from", label: "From", type: "date" },
          { name: "to", label: "To", type: "date" },
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
          {events.length === 0 && <EmptyRow colSpan={5}>No audit event matches these filters.</EmptyRow>}
          {events.map((event) => (
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
                  {event.targetType}{" "}
                  {event.target?.href ? (
                    <Link href={event.target.href} className="text-brand-700 underline">
                      {event.target.name}
                    </Link>
                  ) : (
                    (event.target?.name ?? event.targetId)
                  )}
                </div>
              </Td>
              <Td>
                {event.changes.length > 0 && (
                  <details>
                    <summary className="cursor-pointer text-xs text-brand-700">
                      {event.changes.length === 1 ? "1 field changed" : `${event.changes.length} fields changed`}
                    </summary>
                    <table className="mt-1 max-w-xl text-xs">
                      <caption className="sr-only">Changes of event {event.seq}</caption>
                      <thead>
                        <tr>
                          <th scope="col" className="pr-2 text-left">
                            Field
                          </th>
                          <th scope="col" className="pr-2 text-left">
                            Before
                          </th>
                          <th scope="col" className="text-left">
                            After
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {event.changes.map((change) => (
                          <tr key={change.field} className="border-t border-slate-100 align-top">
                            <th scope="row" className="pr-2 text-left font-mono font-normal">
                              {change.field}
                            </th>
                            <td className="max-w-48 pr-2 break-words text-red-800">{change.before}</td>
                            <td className="max-w-48 break-words text-green-800">{change.after}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
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
