import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ConsumerForm } from "@/components/catalogue/consumer-form";
import { PageHeader } from "@/components/ui/page-header";
import { createConsumerAction } from "@/lib/catalogue/actions";
import { listChoices } from "@/lib/catalogue/queries";
import { requireUser } from "@/lib/server/session";
import { guard } from "@/lib/server/page-guard";
import { reachOf } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "New consumer" };

export default async function NewConsumerPage() {
  const ctx = await requireUser();
  const reach = reachOf(ctx.roles, "consumer.create");
  if (!reach) forbidden();
  const choices = await guard(() => listChoices(ctx));
  return (
    <>
      <PageHeader title="New consumer" description="Every caller gets its own identity and an accountable owner." />
      <ConsumerForm action={createConsumerAction} {...choices} canChooseOwner={reach === "all"} submitLabel="Create consumer" />
    </>
  );
}
