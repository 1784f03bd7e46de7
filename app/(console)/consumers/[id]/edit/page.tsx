import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ConsumerForm } from "@/components/catalogue/consumer-form";
import { PageHeader } from "@/components/ui/page-header";
import { updateConsumerAction } from "@/lib/catalogue/actions";
import { identityLabel } from "@/lib/catalogue/identities";
import { getConsumer, listChoices } from "@/lib/catalogue/queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Edit consumer" };

export default async function EditConsumerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requireUser();
  const [consumer, choices] = await guard(() => Promise.all([getConsumer(ctx, id), listChoices(ctx)]));
  const reach = reachOf(ctx.roles, "consumer.update");
  if (!reach || (reach === "own" && consumer.ownerId !== ctx.userId)) forbidden();
  return (
    <>
      <PageHeader title={`Edit ${consumer.name}`} />
      <ConsumerForm
        action={updateConsumerAction.bind(null, consumer.id)}
        {...choices}
        canChooseOwner={reach === "all"}
        values={{ ...consumer, identities: consumer.identities.map(identityLabel).join("\n") }}
        submitLabel="Save changes"
      />
    </>
  );
}
