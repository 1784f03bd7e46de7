import type { Metadata } from "next";
import Link from "next/link";
import { GrantsTable } from "@/components/catalogue/grants-table";
import { LinkButton } from "@/components/ui/button";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { PageHeader } from "@/components/ui/page-header";
import { KeysetPagination, Pagination } from "@/components/ui/pagination";
import { SortTh, Th } from "@/components/ui/table";
import { ConsumerKind, Environment, GrantOrigin, GrantStatus } from "@/lib/generated/prisma/enums";
import { listGrants } from "@/lib/catalogue/queries";
import { grantListParams } from "@/lib/catalogue/schemas";
import { encodeCursor } from "@/lib/lists/keyset";
import { firstValues } from "@/lib/lists/params";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { can } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Grants" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function GrantsPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const params = grantListParams.parse(current);
  const page = await guard(() => listGrants(ctx, params));
  const path = "/grants";
  const sort = { path, current, defaultSort: "createdAt" };
  return (
    <>
      <PageHeader
        title="Grants"
        description="Who may call which API with which scopes, and until when."
        actions={
          can(ctx.roles, "grant.create") && (
            <>
              <LinkButton href="/import" variant="secondary">
                Import from CSV
              </LinkButton>
              <LinkButton href="/grants/new">New grant</LinkButton>
            </>
          )
        }
      />
      {(params.apiId || params.consumerId) && (
        <p className="mb-3 text-sm text-slate-700">
          Showing grants for one {params.apiId ? "API" : "consumer"}.{" "}
          <Link href={path} className="text-brand-700 underline">
            Show all
          </Link>
        </p>
      )}
      <ListToolbar
        path={path}
        current={current}
        exportPath="/grants/export.csv"
        searchLabel="Search consumer or API name"
        filters={[
          { name: "status", label: "Status", options: Object.values(GrantStatus) },
          { name: "origin", label: "Origin", options: Object.values(GrantOrigin) },
          { name: "kind", label: "Consumer kind", options: Object.values(ConsumerKind) },
          { name: "environment", label: "Consumer environment", options: Object.values(Environment) },
        ]}
      />
      <GrantsTable
        rows={page.rows}
        caption="Grants"
        empty="No grant matches these filters."
        head={
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
            <Th>Origin</Th>
            <SortTh column="createdAt" {...sort}>
              Created
            </SortTh>
            <SortTh column="expiresAt" {...sort}>
              Expires
            </SortTh>
            <SortTh column="lastUsedAt" {...sort}>
              Last used
            </SortTh>
          </tr>
        }
      />
      {page.keyset ? (
        <KeysetPagination
          path={path}
          current={current}
          shown={page.rows.length}
          pageSize={page.pageSize}
          total={page.total.count}
          estimated={page.total.estimated}
          previous={page.previous && encodeCursor(page.previous)}
          next={page.next && encodeCursor(page.next)}
          noun="grants"
        />
      ) : (
        <Pagination
          path={path}
          current={current}
          page={page.page}
          pageSize={page.pageSize}
          total={page.total.count}
          estimated={page.total.estimated}
          noun="grants"
        />
      )}
    </>
  );
}
