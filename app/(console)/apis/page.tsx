import type { Metadata } from "next";
import Link from "next/link";
import { ValueBadge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { ListToolbar, ownerFilter } from "@/components/ui/list-toolbar";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, SortTh, Table, Td, Th } from "@/components/ui/table";
import { DataClassification, Environment, Exposure, Lifecycle } from "@/lib/generated/prisma/enums";
import { listApis, listChoices } from "@/lib/catalogue/queries";
import { apiListParams } from "@/lib/catalogue/schemas";
import { firstValues } from "@/lib/lists/params";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { can } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "APIs" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ApisPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const params = apiListParams.parse(current);
  const [page, choices] = await guard(() => Promise.all([listApis(ctx, params), listChoices(ctx)]));
  const path = "/apis";
  const sort = { path, current, defaultSort: "name" };
  return (
    <>
      <PageHeader
        title="APIs"
        description="Every API in the catalogue, with its owner, exposure and data classification."
        actions={
          can(ctx.roles, "api.create") && (
            <>
              <LinkButton href="/apis/import" variant="secondary">
                Import from OpenAPI
              </LinkButton>
              <LinkButton href="/apis/new">New API</LinkButton>
            </>
          )
        }
      />
      <ListToolbar
        path={path}
        current={current}
        exportPath="/apis/export.csv"
        searchLabel="Search name or description"
        filters={[
          { name: "environment", label: "Environment", options: Object.values(Environment) },
          { name: "exposure", label: "Exposure", options: Object.values(Exposure) },
          { name: "classification", label: "Classification", options: Object.values(DataClassification) },
          { name: "lifecycle", label: "Lifecycle", options: Object.values(Lifecycle) },
          { name: "teamId", label: "Team", options: choices.teams.map((t) => ({ value: t.id, label: t.name })) },
          ownerFilter(ctx.userId, choices.users),
        ]}
      />
      <Table caption="APIs">
        <thead>
          <tr>
            <SortTh column="name" {...sort}>
              Name
            </SortTh>
            <SortTh column="environment" {...sort}>
              Environment
            </SortTh>
            <SortTh column="exposure" {...sort}>
              Exposure
            </SortTh>
            <SortTh column="classification" {...sort}>
              Classification
            </SortTh>
            <SortTh column="lifecycle" {...sort}>
              Lifecycle
            </SortTh>
            <Th>Team</Th>
            <Th>Owner</Th>
            <Th className="text-right">Scopes</Th>
            <SortTh column="grants" {...sort}>
              Active grants
            </SortTh>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.rows.length === 0 && (
            <EmptyRow colSpan={9}>
              No API matches these filters. {can(ctx.roles, "api.create") ? "Clear the filters or add an API." : "Clear the filters."}
            </EmptyRow>
          )}
          {page.rows.map((api) => (
            <tr key={api.id} className="hover:bg-slate-50">
              <Td>
                <Link href={`/apis/${api.id}`} className="font-medium text-brand-700 hover:underline">
                  {api.name}
                </Link>
              </Td>
              <Td>
                <ValueBadge value={api.environment} />
              </Td>
              <Td>
                <ValueBadge value={api.exposure} />
              </Td>
              <Td>
                <ValueBadge value={api.classification} />
              </Td>
              <Td>
                <ValueBadge value={api.lifecycle} />
              </Td>
              <Td>{api.team.name}</Td>
              <Td>{api.owner?.name ?? <span className="text-red-700">No owner</span>}</Td>
              <Td className="text-right tabular-nums">{api._count.scopes}</Td>
              <Td className="text-right tabular-nums">{api._count.grants}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Pagination path={path} current={current} page={page.page} pageSize={page.pageSize} total={page.total} noun="APIs" />
    </>
  );
}
