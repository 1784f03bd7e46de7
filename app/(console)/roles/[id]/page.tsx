import type { Metadata } from "next";
import Link from "next/link";
import { ValueBadge, label } from "@/components/ui/badge";
import { PageHeader, Section } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { getRole } from "@/lib/catalogue/queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "Human role" };

export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireUser();
  const role = await guard(() => getRole(ctx, id));
  return (
    <>
      <PageHeader title={role.name} description={role.description} />
      <Section title={`Baseline scopes (${role.scopes.length})`}>
        <Table caption={`Baseline scopes of ${role.name}`}>
          <thead>
            <tr>
              <Th>API</Th>
              <Th>Scope</Th>
              <Th>Level</Th>
              <Th>What it permits</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {role.scopes.length === 0 && <EmptyRow colSpan={4}>This role has no baseline scopes.</EmptyRow>}
            {role.scopes.map(({ scope }) => (
              <tr key={scope.id}>
                <Td>
                  <Link href={`/apis/${scope.api.id}`} className="text-brand-700 hover:underline">
                    {scope.api.name}
                  </Link>
                </Td>
                <Td className="font-mono text-xs">{scope.name}</Td>
                <Td>
                  <ValueBadge value={scope.level} />
                </Td>
                <Td>{scope.description || "—"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      <Section
        title={`AI agents acting as ${role.name} (${role._count.agents})`}
        actions={
          <Link href={`/consumers?kind=AGENT&roleId=${role.id}`} className="text-sm text-brand-700 underline">
            Open in the consumers list
          </Link>
        }
      >
        <Table caption={`Agents mapped to ${role.name}`}>
          <thead>
            <tr>
              <Th>Agent</Th>
              <Th>Provider</Th>
              <Th>Autonomy</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {role.agents.length === 0 && <EmptyRow colSpan={4}>No agent is mapped to this role.</EmptyRow>}
            {role.agents.map((agent) => (
              <tr key={agent.id}>
                <Td>
                  <Link href={`/consumers/${agent.id}`} className="text-brand-700 hover:underline">
                    {agent.name}
                  </Link>
                </Td>
                <Td>{agent.agentProvider ?? "—"}</Td>
                <Td>{agent.autonomy ? label(agent.autonomy) : "—"}</Td>
                <Td>
                  <ValueBadge value={agent.status} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
    </>
  );
}
