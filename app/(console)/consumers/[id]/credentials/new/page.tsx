import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { CredentialForm } from "@/components/catalogue/credential-form";
import { PageHeader } from "@/components/ui/page-header";
import { createCredentialAction } from "@/lib/catalogue/actions";
import { getConsumer } from "@/lib/catalogue/queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Add credential" };

export default async function NewCredentialPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireUser();
  const consumer = await guard(() => getConsumer(ctx, id));
  const reach = reachOf(ctx.roles, "credential.create");
  if (!reach || (reach === "own" && consumer.ownerId !== ctx.userId)) forbidden();
  return (
    <>
      <PageHeader title={`Add a credential to ${consumer.name}`} />
      <CredentialForm action={createCredentialAction} consumerId={consumer.id} submitLabel="Add credential" />
    </>
  );
}
