import type { Metadata } from "next";
import { FindingsTable } from "@/components/findings/findings-table";
import { openFindingsFor } from "@/lib/findings/queries";
import Link from "next/link";
import { EditGrantForm, RevokeGrantForm } from "@/components/catalogue/grant-forms";
import { ValueBadge } from "@/components/ui/badge";
import { Facts, PageHeader, Section } from "@/components/ui/page-header";
import { getGrant } from "@/lib/catalogue/queries";
import { formatDate } from "@/lib/format";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Grant" };

export default async function GrantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireUser();
  const grant = await guard(() => getGrant(ctx, id));
  const findings = await openFindingsFor(ctx, { grantId: grant.id });
  const reach = reachOf(ctx.roles, "grant.update");
  const live = ["ACTIVE", "PENDING", "SUSPENDED"].includes(grant.status);
  const canEdit = live && (reach === "all" || (reach === "own" && grant.api.ownerId === ctx.userId));
  return (
    <>
      <PageHeader title={`${grant.consumer.name} on ${grant.api.name}`} description={grant.justification} />
      <Facts
        items={[
          [
            "Consumer",
            <Link key="c" href={`/consumers/${grant.consumer.id}`} className="text-brand-700 underline">
              {grant.consumer.name}
            </Link>,
          ],
          [
            "API",
            <Link key="a" href={`/apis/${grant.api.id}`} className="text-brand-700 underline">
              {grant.api.name}
            </Link>,
          ],
          ["Status", <ValueBadge key="s" value={grant.status} />],
          [
            "Scopes",
            grant.scopes
              .map(
                (s) =>
                  `${s.scope.name} (${s.scope.removedAt ? "removed from the API's document: decisions deny it; " : ""}last used ${s.lastUsedAt ? formatDate(s.lastUsedAt) : "never"}${s.expiresAt ? `; ends ${formatDate(s.expiresAt)}` : ""})`,
              )
              .join(", "),
          ],
          ["Origin", grant.origin.toLowerCase()],
          ["Granted by / approved by", `${grant.grantedBy?.name ?? "—"} / ${grant.approvedBy?.name ?? "—"}`],
          ["Created", formatDate(grant.createdAt)],
          ["Expires", grant.expiresAt ? formatDate(grant.expiresAt) : "no expiry"],
          ["Last used", grant.lastUsedAt ? formatDate(grant.lastUsedAt) : "never"],
          ["Last reviewed", grant.lastReviewedAt ? formatDate(grant.lastReviewedAt) : "never"],
          ["Revoked", grant.revokedAt ? formatDate(grant.revokedAt) : "—"],
        ]}
      />
      <div className="h-6" />
      <Section title={`Open findings (${findings.length})`}>
        <FindingsTable rows={findings} caption="Open findings on this grant" empty="No open finding on this grant." showSubject={false} />
      </Section>
      {canEdit && (
        <>
          <Section title="Change this grant">
            <EditGrantForm
              grantId={grant.id}
              // Held scopes the document dropped stay visible here, so saving never drops one unseen.
              scopes={[
                ...grant.api.scopes,
                ...grant.scopes
                  .filter((s) => s.scope.removedAt)
                  .map((s) => ({
                    id: s.scopeId,
                    name: s.scope.name,
                    level: s.scope.level,
                    description: "Removed from the API's document: decisions deny it. Untick to drop it.",
                  })),
              ]}
              held={grant.scopes.map((s) => s.scopeId)}
              justification={grant.justification}
              expiresAt={grant.expiresAt ? formatDate(grant.expiresAt) : ""}
            />
          </Section>
          <Section title="Revoke">
            <RevokeGrantForm grantId={grant.id} />
          </Section>
        </>
      )}
    </>
  );
}
