import type { Metadata } from "next";
import { FindingsTable } from "@/components/findings/findings-table";
import { openFindingsFor } from "@/lib/findings/queries";
import Link from "next/link";
import { CredentialButtons, DecommissionForm } from "@/components/catalogue/consumer-actions";
import { Badge, ValueBadge, label } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { AddressList, Facts, PageHeader, Section } from "@/components/ui/page-header";
import { EmptyRow, Table, Td, Th } from "@/components/ui/table";
import { identityLabel } from "@/lib/catalogue/identities";
import { getConsumer } from "@/lib/catalogue/queries";
import { formatDate, formatDuration } from "@/lib/format";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Consumer" };

export default async function ConsumerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireUser();
  const consumer = await guard(() => getConsumer(ctx, id));
  const findings = await openFindingsFor(ctx, { consumerId: consumer.id, credentialIds: consumer.credentials.map((c) => c.credential.id) });
  const reach = reachOf(ctx.roles, "consumer.update");
  const canEdit = consumer.status !== "DECOMMISSIONED" && (reach === "all" || (reach === "own" && consumer.ownerId === ctx.userId));
  const liveGrants = consumer.grants.filter((g) => ["ACTIVE", "PENDING", "SUSPENDED"].includes(g.status)).length;
  const facts: [string, React.ReactNode][] = [
    ["Kind", <ValueBadge key="k" value={consumer.kind} />],
    ["Status", <ValueBadge key="s" value={consumer.status} />],
    ["Environment", <ValueBadge key="e" value={consumer.environment} />],
    ["Team", consumer.team.name],
    [
      "Accountable owner",
      !consumer.owner ? (
        <span className="text-red-700">Ownerless</span>
      ) : (
        <>
          {consumer.owner.name} ({consumer.owner.email}){!consumer.owner.active && <span className="text-red-700"> — deactivated</span>}
        </>
      ),
    ],
    ["Created", formatDate(consumer.createdAt)],
  ];
  if (consumer.kind === "AGENT") {
    facts.push(
      ["Provider / model", `${consumer.agentProvider ?? "—"} / ${consumer.agentModel ?? "—"}`],
      ["Autonomy", consumer.autonomy ? label(consumer.autonomy) : "—"],
      [
        "Comparable human role",
        consumer.comparableRole ? (
          <Link href={`/roles/${consumer.comparableRole.id}`} className="text-brand-700 underline">
            {consumer.comparableRole.name}
          </Link>
        ) : (
          "—"
        ),
      ],
    );
  }
  if (consumer.kind === "PARTNER") facts.push(["Partner organisation", consumer.partnerOrg ?? "—"]);
  if (consumer.kind === "SERVICE") facts.push(["CI/CD pipeline", consumer.isCiPipeline ? "Yes" : "No"]);
  if (consumer.decommissionedAt) facts.push(["Decommissioned", formatDate(consumer.decommissionedAt)]);
  facts.push(["Identities", <AddressList key="i" values={consumer.identities.map(identityLabel)} empty="None: gateways can name it only by its id" />]);
  return (
    <>
      <PageHeader
        title={consumer.name}
        description={consumer.description}
        actions={
          canEdit && (
            <LinkButton href={`/consumers/${consumer.id}/edit`} variant="secondary">
              Edit consumer
            </LinkButton>
          )
        }
      />
      <Facts items={facts} />
      <div className="h-6" />
      <Section
        title={`Open findings (${findings.length})`}
        actions={
          <Link href={`/findings?consumerId=${consumer.id}`} className="text-sm text-brand-700 underline">
            Open in the findings list
          </Link>
        }
      >
        <FindingsTable rows={findings} caption="Open findings" empty="No open finding: this consumer meets every risk rule." />
      </Section>
      <Section
        title={`Credentials (${consumer.credentials.length})`}
        actions={
          canEdit && (
            <LinkButton href={`/consumers/${consumer.id}/credentials/new`} variant="secondary">
              Add credential
            </LinkButton>
          )
        }
      >
        <Table caption={`Credentials of ${consumer.name}`}>
          <thead>
            <tr>
              <Th>Credential</Th>
              <Th>Type</Th>
              <Th>Created</Th>
              <Th>Last rotated</Th>
              <Th>Expires</Th>
              <Th>Access-token lifetime</Th>
              <Th>Binding</Th>
              <Th>State</Th>
              {canEdit && (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {consumer.credentials.length === 0 && <EmptyRow colSpan={9}>No credential on record.</EmptyRow>}
            {consumer.credentials.map(({ credential: c }) => (
              <tr key={c.id}>
                <Td>
                  {c.label}
                  {c._count.consumers > 1 && <div className="text-xs text-amber-800">Shared by {c._count.consumers} consumers</div>}
                </Td>
                <Td className="text-xs">{label(c.type)}</Td>
                <Td className="whitespace-nowrap">{formatDate(c.createdAt)}</Td>
                <Td className="whitespace-nowrap">{c.lastRotatedAt ? formatDate(c.lastRotatedAt) : "never"}</Td>
                <Td className="whitespace-nowrap">{c.expiresAt ? formatDate(c.expiresAt) : "never"}</Td>
                <Td>{formatDuration(c.accessTokenTtlSeconds)}</Td>
                <Td>
                  {c.senderConstraint === "BEARER" ? (
                    <Badge tone="amber">Bearer</Badge>
                  ) : (
                    <Badge tone="green">{c.senderConstraint === "DPOP" ? "DPoP" : "mTLS"} bound</Badge>
                  )}
                </Td>
                <Td>
                  {c.revokedAt ? (
                    <Badge tone="slate">Revoked {formatDate(c.revokedAt)}</Badge>
                  ) : c.leakedAt ? (
                    <Badge tone="red">Reported leaked {formatDate(c.leakedAt)}</Badge>
                  ) : (
                    <Badge tone="green">Live</Badge>
                  )}
                </Td>
                {canEdit && <Td>{!c.revokedAt && <CredentialButtons consumerId={consumer.id} credentialId={c.id} label={c.label} />}</Td>}
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      <Section
        title={`Grants (${consumer.grants.length})`}
        actions={
          <Link href={`/grants?consumerId=${consumer.id}`} className="text-sm text-brand-700 underline">
            Open in the grants list
          </Link>
        }
      >
        <Table caption={`Grants of ${consumer.name}`}>
          <thead>
            <tr>
              <Th>API</Th>
              <Th>Scopes</Th>
              <Th>Status</Th>
              <Th>Expires</Th>
              <Th>Last used</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {consumer.grants.length === 0 && <EmptyRow colSpan={5}>This consumer holds no grants.</EmptyRow>}
            {consumer.grants.map((g) => (
              <tr key={g.id}>
                <Td>
                  <Link href={`/apis/${g.api.id}`} className="text-brand-700 hover:underline">
                    {g.api.name}
                  </Link>
                </Td>
                <Td>
                  <ul className="flex flex-wrap gap-1">
                    {g.scopes.map(({ scope }) => (
                      <li key={scope.id} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                        {scope.name} <span className="text-slate-600">({scope.level.toLowerCase()})</span>
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td>
                  <ValueBadge value={g.status} />
                </Td>
                <Td className="whitespace-nowrap">{g.expiresAt ? formatDate(g.expiresAt) : "no expiry"}</Td>
                <Td className="whitespace-nowrap">{g.lastUsedAt ? formatDate(g.lastUsedAt) : "never"}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      {canEdit && reachOf(ctx.roles, "consumer.decommission") && (
        <Section title="Decommission">
          <DecommissionForm consumerId={consumer.id} name={consumer.name} liveGrants={liveGrants} />
        </Section>
      )}
    </>
  );
}
