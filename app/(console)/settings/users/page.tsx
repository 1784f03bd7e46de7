import type { Metadata } from "next";
import { CreateUserForm, EditUserForm, EndSessionsForm } from "@/components/settings/user-forms";
import { Badge, label } from "@/components/ui/badge";
import { ListToolbar } from "@/components/ui/list-toolbar";
import { PageHeader, Section } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { listChoices } from "@/lib/catalogue/queries";
import { formatDate } from "@/lib/format";
import { firstValues, pageParams } from "@/lib/lists/params";
import { listUsers } from "@/lib/settings/user-queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { can } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Users" };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const ctx = await requireUser();
  const current = firstValues(await searchParams);
  const params = pageParams.parse(current);
  const [page, choices] = await guard(() => Promise.all([listUsers(ctx, params), listChoices(ctx)]));
  const canManage = can(ctx.roles, "user.manage");
  return (
    <>
      <PageHeader title="Users" description="People who sign in, their console roles, team and manager." />
      {canManage && (
        <Section title="Add a user">
          <details className="rounded-lg border border-slate-200 bg-white">
            <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-brand-700">New user with a password</summary>
            <div className="p-3">
              <CreateUserForm teams={choices.teams} managers={choices.users} />
            </div>
          </details>
        </Section>
      )}
      <ListToolbar path="/settings/users" current={current} searchLabel="Search name or email" />
      <Table caption="Users">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Roles</Th>
            <Th>Team</Th>
            <Th>Manager</Th>
            <Th>Owns</Th>
            <Th>Last sign-in</Th>
            <Th>Status</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {page.rows.length === 0 && <EmptyRow colSpan={7}>No user matches.</EmptyRow>}
          {page.rows.map((user) => (
            <tr key={user.id}>
              <Td>
                <div className="font-medium">{user.name}</div>
                <div className="text-xs text-slate-600">{user.email}</div>
                {canManage && (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">Edit {user.name}</summary>
                    <EditUserForm
                      user={{ ...user, teamId: user.team?.id ?? null, managerId: user.manager?.id ?? null, roles: user.roles.map((r) => r.role) }}
                      teams={choices.teams}
                      managers={choices.users}
                    />
                    <EndSessionsForm user={user} />
                  </details>
                )}
              </Td>
              <Td className="text-xs">
                {user.roles.length === 0 && "—"}
                {user.roles.map((r, i) => (
                  <span key={r.role}>
                    {i > 0 && ", "}
                    {label(r.role)}
                    {/* Roles from the identity provider's groups change at the person's next sign-on. */}
                    {r.source === "IDENTITY_PROVIDER" && <span className="text-slate-600"> (from single sign-on)</span>}
                  </span>
                ))}
              </Td>
              <Td>{user.team?.name ?? "—"}</Td>
              <Td>{user.manager?.name ?? "—"}</Td>
              <Td className="text-xs">
                {user._count.ownedApis} APIs, {user._count.ownedConsumers} consumers
              </Td>
              <Td className="whitespace-nowrap">{formatDate(user.lastLoginAt)}</Td>
              <Td>{user.active ? <Badge tone="green">Active</Badge> : <Badge tone="slate">Deactivated</Badge>}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Pagination path="/settings/users" current={current} page={page.page} pageSize={page.pageSize} total={page.total} noun="users" />
    </>
  );
}
