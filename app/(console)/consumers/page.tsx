import type { Metadata } from "next";
import { RULES } from "@/lib/findings/rules";
import Link from "next/link";
import { ValueBadge, label } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { ListToolbar, ownerFilter } from "@/components/ui/list-toolbar";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, SortTh, Table, Td, Th } from "@/components/ui/table";
import { ConsumerKind, ConsumerStatus, Environment } from "@/lib/generated/prisma/enums";
import { listChoices, listConsumers } from "@/lib/catalogue/queries";
import { consumerListParams } from "@/lib/catalogue/schemas";
import { firstValues } from "@/lib/lists/params";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { can } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Consumers" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConsumersPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const params = consumerListParams.parse(current);
  const [page, choices] = await guard(() => Promise.all([listConsumers(ctx, params), listChoices(ctx)]));
  const path = "/consumers";
  const sort = { path, current, defaultSort: "name" };
  return (
    <>
      <PageHeader
        title="Consumers"
        description="People, service accounts, partner applications and AI agents that call your APIs."
        actions={
          can(ctx.roles, "consumer.create") && (
            <>
              <LinkButton href="/import" variant="secondary">
                Import from CSV
              </LinkButton>
              <LinkButton href="/consumers/new">New consumer</LinkButton>
            </>
          )
        }
      />
      <ListToolbar
        path={path}
        current={current}
        exportPath="/consumers/export.csv"
        searchLabel="Search name, description or partner"
        filters={[
          { name: "kind", label: "Kind", options: Object.values(ConsumerKind) },
          { name: "status", label: "Status", options: Object.values(ConsumerStatus) },
          { name: "environment", label: "Environment", options: Object.values(Environment) },
          { name: "teamId", label: "Team", options: choices.teams.map((t) => ({ value: t.id, label: t.name })) },
          { name: "roleId", label: "Comparable role", options: choices.roles.map((r) => ({ value: r.id, label: r.name })) },
          ownerFilter(ctx.userId, choices.users),
          { name: "ownerless", label: "Ownership", options: [{ value: "1", label: "Ownerless only" }] },
          { name: "finding", label: "Open finding", options: RULES.map((r) => ({ value: r.rule, label: r.title })) },
        ]}
      />
      <Table caption="Consumers">
        <thead>
          <tr>
            <SortTh column="name" {...sort}>
              Name
            </SortTh>
            <SortTh column="kind" {...sort}>
              Kind
            </SortTh>
            <SortTh column="status" {...sort}>
              Status
            </SortTh>
            <SortTh column="environment" {...sort}>
              Environment
            </SortTh>
            <Th>Team</Th>
            <Th>Owner</Th>
            <Th>Details</Th>
            <Th className="text-right">Active grants</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.rows.length === 0 && <EmptyRow colSpan={8}>No consumer matches these filters.</EmptyRow>}
          {page.rows.map((c) => (
            <tr key={c.id} className="hover:bg-slate-50">
              <Td>
                <Link href={`/consumers/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  {c.name}
                </Link>
              </Td>
              <Td>
                <ValueBadge value={c.kind} />
              </Td>
              <Td>
                <ValueBadge value={c.status} />
              </Td>
              <Td>
                <ValueBadge value={c.environment} />
              </Td>
              <Td>{c.team.name}</Td>
              <Td>
                {!c.owner ? (
                  <span className="text-red-700">Ownerless</span>
                ) : c.owner.active ? (
                  c.owner.name
                ) : (
                  <span className="text-red-700">{c.owner.name} (deactivated)</span>
                )}
              </Td>
              <Td className="text-xs text-slate-700">
                {c.kind === "AGENT" && `${c.autonomy ? label(c.autonomy) : ""} · acts as ${c.comparableRole?.name ?? "—"}`}
                {c.kind === "PARTNER" && c.partnerOrg}
                {c.isCiPipeline && "CI/CD pipeline"}
              </Td>
              <Td className="text-right tabular-nums">{c._count.grants}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Pagination path={path} current={current} page={page.page} pageSize={page.pageSize} total={page.total} noun="consumers" />
    </>
  );
}
