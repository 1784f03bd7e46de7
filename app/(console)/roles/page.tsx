import type { Metadata } from "next";
import Link from "next/link";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, SortTh, Table, Td, Th } from "@/components/ui/table";
import { listRoles } from "@/lib/catalogue/queries";
import { roleListParams } from "@/lib/catalogue/schemas";
import { firstValues } from "@/lib/lists/params";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Human roles" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function RolesPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const params = roleListParams.parse(current);
  const page = await guard(() => listRoles(ctx, params));
  const path = "/roles";
  const sort = { path, current, defaultSort: "name" };
  return (
    <>
      <PageHeader title="Human roles" description="Job roles and the baseline scopes people in them hold: the yardstick for the AI agents that act for them." />
      <ListToolbar path={path} current={current} exportPath="/roles/export.csv" searchLabel="Search roles" />
      <Table caption="Human roles">
        <thead>
          <tr>
            <SortTh column="name" {...sort}>
              Role
            </SortTh>
            <Th>Description</Th>
            <Th>Team</Th>
            <Th className="text-right">Baseline scopes</Th>
            <Th className="text-right">Agents mapped</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.rows.length === 0 && <EmptyRow colSpan={5}>No role matches.</EmptyRow>}
          {page.rows.map((role) => (
            <tr key={role.id} className="hover:bg-slate-50">
              <Td>
                <Link href={`/roles/${role.id}`} className="font-medium text-brand-700 hover:underline">
                  {role.name}
                </Link>
              </Td>
              <Td>{role.description}</Td>
              <Td>{role.team?.name ?? "—"}</Td>
              <Td className="text-right tabular-nums">{role._count.scopes}</Td>
              <Td className="text-right tabular-nums">{role._count.agents}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Pagination path={path} current={current} page={page.page} pageSize={page.pageSize} total={page.total} noun="roles" />
    </>
  );
}
