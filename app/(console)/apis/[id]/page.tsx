import type { Metadata } from "next";
import { FindingsTable } from "@/components/findings/findings-table";
import { openFindingsFor } from "@/lib/findings/queries";
import Link from "next/link";
import { GrantsTable } from "@/components/catalogue/grants-table";
import { AddScopeForm, DeleteScopeButton, EditScopeForm } from "@/components/catalogue/scope-forms";
import { ValueBadge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { AddressList, Facts, PageHeader, Section } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { getApi, listApiGrants } from "@/lib/catalogue/queries";
import { formatDate, counted } from "@/lib/format";
import { firstValues } from "@/lib/lists/params";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "API" };
type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ApiPage({ params, searchParams }: Props) {
  const { id } = await params;
  const current = firstValues(await searchParams);
  const page = Math.max(1, Number.parseInt(current.page ?? "1", 10) || 1);
  const ctx = await requireUser();
  const [api, grants, findings] = await guard(() => Promise.all([getApi(ctx, id), listApiGrants(ctx, id, page), openFindingsFor(ctx, { apiId: id })]));
  const reach = reachOf(ctx.roles, "api.update");
  const canEdit = reach === "all" || (reach === "own" && api.ownerId === ctx.userId);
  return (
    <>
      <PageHeader
        title={api.name}
        description={api.description}
        actions={
          canEdit && (
            <>
              <LinkButton href={`/apis/${api.id}/edit`} variant="secondary">
                Edit API
              </LinkButton>
              <LinkButton href={`/grants/new?apiId=${api.id}`}>Grant access</LinkButton>
            </>
          )
        }
      />
      <Facts
        items={[
          ["Owner", api.owner ? `${api.owner.name} (${api.owner.email})` : <span className="text-red-700">No owner</span>],
          ["Team", api.team.name],
          ["Environment", <ValueBadge key="e" value={api.environment} />],
          ["Exposure", <ValueBadge key="x" value={api.exposure} />],
          ["Data classification", <ValueBadge key="c" value={api.classification} />],
          ["Lifecycle", <ValueBadge key="l" value={api.lifecycle} />],
          ["Base URL", api.baseUrl || "—"],
          ["Gateway", api.gateway || "—"],
          ["Base URLs", <AddressList key="b" values={api.addresses.filter((a) => a.kind === "BASE_URL").map((a) => a.value)} />],
          ["Token audiences", <AddressList key="a" values={api.addresses.filter((a) => a.kind === "AUDIENCE").map((a) => a.value)} />],
          ["Imported from", api.importedFrom ? `${api.importedFrom} (${formatDate(api.importedAt)})` : "Entered by hand"],
        ]}
      />
      <div className="h-6" />
      <Section title={`Scopes (${api.scopes.length})`}>
        <Table caption={`Scopes of ${api.name}`}>
          <thead>
            <tr>
              <Th>Scope</Th>
              <Th>Level</Th>
              <Th>What it permits</Th>
              <Th className="text-right">Grants holding it</Th>
              {canEdit && (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {api.scopes.length === 0 && <EmptyRow colSpan={5}>This API declares no scopes yet.{canEdit && " Add the first one below."}</EmptyRow>}
            {api.scopes.map((scope) => (
              <tr key={scope.id}>
                <Td className="font-mono text-xs">
                  {scope.name}
                  {/* Dropped by a re-import while grants or requests still name it: kept for them, denied by decisions. */}
                  {scope.removedAt && <div className="mt-1 font-sans text-amber-800">Removed from the document {formatDate(scope.removedAt)}</div>}
                </Td>
                <Td>
                  <ValueBadge value={scope.level} />
                </Td>
                <Td>
                  {scope.description || "—"}
                  {scope.operations.length > 0 && (
                    <details className="mt-1 text-xs">
                      <summary className="cursor-pointer text-brand-700">
                        {scope.operations.length === 50 ? "50+ operations" : counted(scope.operations.length, "operation")}
                      </summary>
                      <ul className="mt-1 font-mono">
                        {scope.operations.map(({ operation: o }) => (
                          <li key={`${o.method} ${o.path}`}>
                            {o.method} {o.path}
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </Td>
                <Td className="text-right tabular-nums">{scope._count.grants}</Td>
                {canEdit && (
                  <Td className="space-y-2 text-right">
                    <EditScopeForm scope={scope} />
                    <DeleteScopeButton scopeId={scope.id} name={scope.name} />
                  </Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
        {canEdit && (
          <div className="mt-3">
            <AddScopeForm apiId={api.id} />
          </div>
        )}
      </Section>
      <Section
        title={`Open findings on the API itself (${findings.length})`}
        actions={
          <Link href={`/findings?apiId=${api.id}`} className="text-sm text-brand-700 underline">
            All findings on its grants
          </Link>
        }
      >
        <FindingsTable rows={findings} caption="Open findings on this API" empty="No open finding on the API itself." showSubject={false} />
      </Section>
      <Section
        title={`Grants on this API (${grants.total})`}
        actions={
          <Link href={`/grants?apiId=${api.id}`} className="text-sm text-brand-700 underline">
            Filter in the grants list
          </Link>
        }
      >
        <GrantsTable rows={grants.rows} caption={`Grants on ${api.name}`} empty="No consumer holds a grant on this API." />
        <Pagination path={`/apis/${api.id}`} current={current} page={grants.page} pageSize={grants.pageSize} total={grants.total} noun="grants" />
      </Section>
    </>
  );
}
