import type { Metadata } from "next";
import { CreateTokenForm, RevokeTokenForm } from "@/components/settings/token-forms";
import { ValueBadge } from "@/components/ui/badge";
import { PageHeader, Section } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { listTokens } from "@/lib/api/tokens";
import { formatDate, formatDateTime } from "@/lib/format";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const ctx = await requireUser();
  const tokens = await guard(() => listTokens(ctx));
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Console API tokens let gateways, token services and pipelines use the automation API (/api/v1, described at /api/v1/openapi.json). A token acts for the person who created it — never beyond what they may do, narrowed by its scopes — and is suspended if they are deactivated or lose their role. Only its hash is stored."
      />
      <Section title="Create a token">
        <CreateTokenForm />
      </Section>
      <Section title={`Tokens (${tokens.length})`}>
        <Table caption="API tokens">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Starts with</Th>
              <Th>Scopes</Th>
              <Th>Status</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
              <Th>Created</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.length === 0 && <EmptyRow colSpan={8}>No token yet. Create one for each system that calls the API.</EmptyRow>}
            {tokens.map((t) => {
              const status = t.revokedAt ? "REVOKED" : t.expiresAt <= now ? "EXPIRED" : t.suspension ? "SUSPENDED" : "ACTIVE";
              return (
                <tr key={t.id}>
                  <Td className="font-medium">{t.name}</Td>
                  <Td className="font-mono text-xs">{t.prefix}…</Td>
                  <Td className="font-mono text-xs">{t.scopes.split(" ").join(", ")}</Td>
                  <Td>
                    <ValueBadge value={status} />
                    {status === "SUSPENDED" && <p className="mt-1 max-w-xs text-xs text-slate-600">{t.suspension}</p>}
                  </Td>
                  <Td>{formatDate(t.expiresAt)}</Td>
                  <Td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</Td>
                  <Td>
                    {formatDate(t.createdAt)} by {t.createdBy?.name ?? "nobody on record"}
                  </Td>
                  <Td>{(status === "ACTIVE" || status === "SUSPENDED") && <RevokeTokenForm id={t.id} name={t.name} />}</Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </Section>
    </>
  );
}
