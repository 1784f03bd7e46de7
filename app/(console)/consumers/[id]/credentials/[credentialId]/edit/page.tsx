import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { CredentialForm } from "@/components/catalogue/credential-form";
import { PageHeader } from "@/components/ui/page-header";
import { updateCredentialAction } from "@/lib/catalogue/actions";
import { getConsumer } from "@/lib/catalogue/queries";
import { formatDate } from "@/lib/format";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Edit credential" };

export default async function EditCredentialPage({ params }: { params: Promise<{ id: string; credentialId: string }> }) {
  const { id, credentialId } = await params;
  const ctx = await requireUser();
  const consumer = await guard(() => getConsumer(ctx, id));
  const credential = consumer.credentials.find((c) => c.credentialId === credentialId)?.credential;
  if (!credential || credential.revokedAt) notFound();
  const reach = reachOf(ctx.roles, "credential.update");
  if (!reach || (reach === "own" && consumer.ownerId !== ctx.userId)) forbidden();
  const day = (date: Date | null) => (date ? formatDate(date) : "");
  return (
    <>
      <PageHeader title={`Edit ${credential.label}`} description={`A credential of ${consumer.name}.`} />
      <CredentialForm
        action={updateCredentialAction.bind(null, consumer.id)}
        values={{ ...credential, lastRotatedAt: day(credential.lastRotatedAt), expiresAt: day(credential.expiresAt) }}
        submitLabel="Save credential"
      />
    </>
  );
}
